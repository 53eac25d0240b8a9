using System.Diagnostics.CodeAnalysis;

namespace SignalFactory.Core.Scheduling;

/// <summary>
/// An Airflow-style schedule: a 5-field cron expression (minute hour day-of-month month day-of-week) or an
/// Airflow preset (<c>@hourly</c>, <c>@daily</c>, <c>@midnight</c>, <c>@weekly</c>, <c>@monthly</c>,
/// <c>@quarterly</c>, <c>@yearly</c>, <c>@annually</c>) or a non-periodic marker (<c>@once</c>,
/// <c>@continuous</c>, <c>None</c>, <c>@none</c>). When both day-of-month and day-of-week are restricted (neither
/// starts with <c>*</c>), a day matches if either matches, as in Vixie cron and croniter.
/// </summary>
public sealed class CronSchedule
{
    private const string FieldList = "minute hour day-of-month month day-of-week";

    private static readonly Dictionary<string, string> _presets = new(StringComparer.Ordinal)
    {
        ["@hourly"] = "0 * * * *",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@weekly"] = "0 0 * * 0",
        ["@monthly"] = "0 0 1 * *",
        ["@quarterly"] = "0 0 1 */3 *",
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
    };

    private static readonly string[] _nonPeriodic = ["@once", "@continuous", "None", "@none"];

    private readonly ulong _minutes;
    private readonly ulong _hours;
    private readonly ulong _daysOfMonth;
    private readonly ulong _months;
    private readonly ulong _daysOfWeek;
    private readonly bool _eitherDayMatches;

    private CronSchedule(string expression, bool isPeriodic, ulong[] bits, bool eitherDayMatches)
    {
        Expression = expression;
        IsPeriodic = isPeriodic;
        if (bits.Length == 5)
        {
            (_minutes, _hours, _daysOfMonth, _months, _daysOfWeek) = (bits[0], bits[1], bits[2], bits[3], bits[4]);
        }

        _eitherDayMatches = eitherDayMatches;
    }

    /// <summary>The expression as written (trimmed).</summary>
    public string Expression { get; }

    /// <summary>False for <c>@once</c>, <c>@continuous</c> and <c>None</c>: no recurring time of day.</summary>
    public bool IsPeriodic { get; }

    /// <summary>Parses a schedule; false with a message naming the faulty cron field otherwise.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        var expression = text?.Trim() ?? string.Empty;
        if (expression.Length == 0)
        {
            error = $"the schedule is empty; expected 5 cron fields ({FieldList}) or a preset such as @daily";
            return false;
        }

        if (_nonPeriodic.Contains(expression, StringComparer.Ordinal))
        {
            schedule = new CronSchedule(expression, isPeriodic: false, [], eitherDayMatches: false);
            error = null;
            return true;
        }

        var cron = expression;
        if (expression.StartsWith('@'))
        {
            if (!_presets.TryGetValue(expression, out var presetCron))
            {
                error = $"unknown preset '{expression}'; known: {string.Join(", ", _presets.Keys)}, {string.Join(", ", _nonPeriodic)}";
                return false;
            }

            cron = presetCron;
        }

        var parts = cron.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            var extra = parts.Length > 5 ? "; seconds and year fields are not supported" : string.Empty;
            error = $"expected 5 fields ({FieldList}), got {parts.Length}{extra}";
            return false;
        }

        CronField[] fields = [CronField.Minute, CronField.Hour, CronField.DayOfMonth, CronField.Month, CronField.DayOfWeek];
        var bits = new ulong[5];
        for (var i = 0; i < 5; i++)
        {
            if (!fields[i].TryParse(parts[i], out bits[i], out error))
            {
                return false;
            }
        }

        var eitherDay = !parts[2].StartsWith('*') && !parts[4].StartsWith('*');
        schedule = new CronSchedule(expression, isPeriodic: true, bits, eitherDay);
        error = null;
        return true;
    }

    /// <summary>Parses a schedule.</summary>
    /// <exception cref="FormatException">The text is not a valid schedule; the message names the faulty field.</exception>
    public static CronSchedule Parse(string text) =>
        TryParse(text, out var schedule, out var error) ? schedule : throw new FormatException(error);

    /// <summary>True when the schedule fires in the minute containing <paramref name="time"/> (seconds ignored).</summary>
    public bool Matches(DateTime time) =>
        IsPeriodic
        && Has(_months, time.Month)
        && DayMatches(time)
        && Has(_hours, time.Hour)
        && Has(_minutes, time.Minute);

    /// <summary>
    /// The first firing time strictly after <paramref name="after"/> (minute resolution, same
    /// <see cref="DateTime.Kind"/>), or null for a non-periodic schedule or one that never fires (e.g. <c>0 0 30 2 *</c>).
    /// Time zones are the caller's business: the arithmetic is on the wall clock of the given value.
    /// </summary>
    public DateTime? GetNextOccurrence(DateTime after)
    {
        if (!IsPeriodic)
        {
            return null;
        }

        var t = new DateTime(after.Year, after.Month, after.Day, after.Hour, after.Minute, 0, after.Kind);
        if (t >= DateTime.MaxValue.AddYears(-10))
        {
            return null;
        }

        t = t.AddMinutes(1);

        // Every satisfiable expression fires within 8 years (Feb 29 can skip a century year); stop after 10.
        var limit = t.AddYears(10);
        while (t < limit)
        {
            if (!Has(_months, t.Month))
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, t.Kind).AddMonths(1);
            }
            else if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
            }
            else if (!Has(_hours, t.Hour))
            {
                t = t.Date.AddHours(t.Hour + 1);
            }
            else if (!Has(_minutes, t.Minute))
            {
                t = t.AddMinutes(1);
            }
            else
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>The expression as written.</summary>
    public override string ToString() => Expression;

    private bool DayMatches(DateTime time)
    {
        var dom = Has(_daysOfMonth, time.Day);
        var dow = Has(_daysOfWeek, (int)time.DayOfWeek);
        return _eitherDayMatches ? dom || dow : dom && dow;
    }

    private static bool Has(ulong bits, int value) => (bits & (1UL << value)) != 0;
}
