using System.Globalization;
using System.Text.RegularExpressions;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>
/// Reads <c>slo.freshness.expected_update_by</c> (free text such as <c>02:00 ET daily</c>) as the time a daily
/// partition is expected: the data of date D is due at that wall-clock time on D + 1 in that zone (converted per
/// date, so daylight saving is right). Understood: <c>H:MM</c> or <c>HH:MM</c>, then optionally a zone — UTC, GMT,
/// Z, ET/EST/EDT, CT/CST/CDT, MT/MST/MDT, PT/PST/PDT or an IANA id such as <c>Europe/Berlin</c> — and any trailing
/// words (<c>daily</c>). No zone means UTC.
/// </summary>
internal static partial class ArrivalSchedule
{
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ET"] = "America/New_York", ["EST"] = "America/New_York", ["EDT"] = "America/New_York",
        ["CT"] = "America/Chicago", ["CST"] = "America/Chicago", ["CDT"] = "America/Chicago",
        ["MT"] = "America/Denver", ["MST"] = "America/Denver", ["MDT"] = "America/Denver",
        ["PT"] = "America/Los_Angeles", ["PST"] = "America/Los_Angeles", ["PDT"] = "America/Los_Angeles",
    };

    /// <summary>The expected arrival function, or null when the text is not understood.</summary>
    public static Func<DateOnly, DateTimeOffset>? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var m = ScheduleRegex().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (hour > 23 || minute > 59)
        {
            return null;
        }

        var zoneText = m.Groups["zone"].Success ? m.Groups["zone"].Value : null;
        var zone = FindZone(zoneText);
        if (zone is null)
        {
            return null;
        }

        var at = new TimeOnly(hour, minute);
        return date =>
        {
            var local = date.AddDays(1).ToDateTime(at, DateTimeKind.Unspecified);
            if (zone.IsInvalidTime(local))
            {
                // A time skipped by a spring-forward change: the first valid moment after it.
                local = local.AddHours(1);
            }

            return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
        };
    }

    private static TimeZoneInfo? FindZone(string? text)
    {
        if (text is null || text.Equals("daily", StringComparison.OrdinalIgnoreCase)
            || text is "UTC" or "utc" or "GMT" or "gmt" or "Z")
        {
            return TimeZoneInfo.Utc;
        }

        var id = Abbreviations.TryGetValue(text, out var mapped) ? mapped : text;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\s*(?<h>\d{1,2}):(?<m>\d{2})(\s+(?<zone>[A-Za-z][A-Za-z0-9_/+\-]*))?(\s+.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ScheduleRegex();
}
