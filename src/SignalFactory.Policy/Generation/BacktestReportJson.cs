using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SignalFactory.Policy.Generation;

/// <summary>
/// <c>policy_backtest.json</c>: the <see cref="BacktestReport"/> as UTF-8 JSON, snake_case keys in declaration order,
/// two-space indent, LF line ends, absent values omitted, <c>widen_ranges</c> sorted by column. Same report, same bytes.
/// </summary>
public static class BacktestReportJson
{
    private static readonly JsonSerializerOptions _options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The canonical bytes, ending with a newline.</summary>
    public static byte[] Serialize(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sorted = report.Feedback is { } feedback
            ? report with
            {
                Feedback = feedback with
                {
                    Effective = feedback.Effective with
                    {
                        WidenRanges = new SortedDictionary<string, double>(
                            feedback.Effective.WidenRanges.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), StringComparer.Ordinal),
                    },
                },
            }
            : report;
        var json = JsonSerializer.SerializeToUtf8Bytes(sorted, _options);
        return [.. json, (byte)'\n'];
    }

    /// <summary>Reads a report.</summary>
    /// <exception cref="FormatException">Not a backtest report; the message names <paramref name="source"/>.</exception>
    public static BacktestReport Deserialize(ReadOnlySpan<byte> utf8Json, string source = "policy_backtest.json")
    {
        try
        {
            return JsonSerializer.Deserialize<BacktestReport>(utf8Json, _options)
                ?? throw new FormatException($"{source}: the file holds null, not a backtest report");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: not a backtest report: {ex.Message}", ex);
        }
    }
}
