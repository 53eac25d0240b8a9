using System.Text.Json;
using System.Text.Json.Serialization;

namespace SignalFactory.Profiling.Baselines;

/// <summary>
/// Reads and writes <c>baseline.json</c>. Writing is deterministic: the same <see cref="Baseline"/> always gives the
/// same bytes — UTF-8 without byte order mark, two-space indentation, <c>\n</c> line ends and a trailing newline;
/// keys in the fixed order of HLD §5.4 followed by <c>null_rates</c>, <c>partition_row_counts</c> and
/// <c>column_profiles</c>; dictionary keys, name lists and warnings sorted ordinally, <c>partition_row_counts</c>
/// sorted by partition; optional fields left out when absent; numbers in invariant culture without exponent,
/// ratios (rates, confidences, averages, multipliers) rounded half away from zero to 6 decimals, histogram edges in
/// their shortest round-trip form; <c>profiled_at</c> in UTC to the second. Columns flagged as PII never get
/// <c>min</c>/<c>max</c>, whatever the model holds.
/// </summary>
public static class BaselineJson
{
    private static readonly JsonSerializerOptions ReadOptions = CreateReadOptions();

    /// <summary>Serializes <paramref name="baseline"/> to canonical <c>baseline.json</c> bytes.</summary>
    public static byte[] Serialize(Baseline baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return BaselineJsonWriter.Write(baseline);
    }

    /// <summary>Reads <c>baseline.json</c> bytes (a leading byte order mark is accepted).</summary>
    /// <param name="utf8Json">The file's bytes.</param>
    /// <param name="source">The file name used in error messages.</param>
    /// <exception cref="BaselineFormatException">The bytes are not a valid baseline; the message names the field.</exception>
    public static Baseline Deserialize(ReadOnlySpan<byte> utf8Json, string source = "baseline.json")
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (utf8Json.StartsWith(bom))
        {
            utf8Json = utf8Json[bom.Length..];
        }

        Baseline? baseline;
        try
        {
            baseline = JsonSerializer.Deserialize<Baseline>(utf8Json, ReadOptions);
        }
        catch (JsonException ex)
        {
            // The serializer's message names the path and position; it does not echo the value.
            throw new BaselineFormatException($"{source}: {ex.Message}", ex);
        }

        if (baseline is null)
        {
            throw new BaselineFormatException($"{source}: the document is null, expected an object.");
        }

        Check(baseline, source);
        return baseline;
    }

    private static void Check(Baseline b, string source)
    {
        if (b.ProfilingMetadata.DateRange.Count is not (0 or 2))
        {
            throw new BaselineFormatException($"{source}: $.profiling_metadata.date_range must hold 0 or 2 entries.");
        }

        foreach (var (column, profile) in b.ColumnProfiles)
        {
            if (profile.Histogram is { } h && h.Edges.Count != h.Counts.Count + 1)
            {
                throw new BaselineFormatException(
                    $"{source}: $.column_profiles['{column}'].histogram must have one more edge than counts.");
            }
        }
    }

    private static JsonSerializerOptions CreateReadOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new ColumnBoundConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class ColumnBoundConverter : JsonConverter<ColumnBound>
    {
        public override ColumnBound Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var bound = reader.TokenType switch
            {
                JsonTokenType.Number => ColumnBound.FromJson(
                    System.Text.Encoding.UTF8.GetString(
                        reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
                    isNumber: true),
                JsonTokenType.String => ColumnBound.FromJson(reader.GetString()!, isNumber: false),
                _ => null,
            };
            return bound ?? throw new JsonException("A min/max must be a number or an ISO 8601 date/time.");
        }

        public override void Write(Utf8JsonWriter writer, ColumnBound value, JsonSerializerOptions options) =>
            throw new NotSupportedException("BaselineJson.Serialize writes bounds itself.");
    }
}

/// <summary>A <c>baseline.json</c> that cannot be read; the message names the file and the field.</summary>
public sealed class BaselineFormatException : Exception
{
    public BaselineFormatException()
    {
    }

    public BaselineFormatException(string message)
        : base(message)
    {
    }

    public BaselineFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
