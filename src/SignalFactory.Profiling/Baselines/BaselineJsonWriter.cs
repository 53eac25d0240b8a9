using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SignalFactory.Profiling.Baselines;

/// <summary>
/// Writes a <see cref="Baseline"/> key by key, so the order is the one written here and not whatever reflection
/// returns. Dictionaries and name lists are sorted ordinally; absent optional fields are left out.
/// </summary>
internal static class BaselineJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Column names may hold any character; relaxed escaping keeps them readable and is just as stable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(Baseline baseline)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("dataset_urn", baseline.DatasetUrn);
            w.WriteString("bootstrap_id", baseline.BootstrapId);
            WriteMetadata(w, baseline.ProfilingMetadata);
            WriteVolume(w, baseline.Volume);
            WriteSchema(w, baseline.Schema);
            WriteTiming(w, baseline.Timing);
            WritePiiScan(w, baseline.PiiScan);

            w.WriteStartObject("null_rates");
            foreach (var (column, rate) in Sorted(baseline.NullRates))
            {
                w.WritePropertyName(column);
                w.WriteRawValue(JsonNumbers.Rounded(rate));
            }

            w.WriteEndObject();

            w.WriteStartArray("partition_row_counts");
            foreach (var p in baseline.PartitionRowCounts.OrderBy(p => p.Partition, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("partition", p.Partition);
                w.WriteNumber("row_count", p.RowCount);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            var pii = baseline.PiiScan.ColumnsWithPii.ToHashSet(StringComparer.Ordinal);
            w.WriteStartObject("column_profiles");
            foreach (var (column, profile) in Sorted(baseline.ColumnProfiles))
            {
                WriteColumnProfile(w, column, profile, pii.Contains(column));
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteMetadata(Utf8JsonWriter w, ProfilingMetadata m)
    {
        w.WriteStartObject("profiling_metadata");
        w.WriteString("profiled_at", FormatInstant(m.ProfiledAt));
        w.WriteNumber("partitions_sampled", m.PartitionsSampled);
        WriteStrings(w, "date_range", m.DateRange, sort: false);
        w.WriteNumber("total_rows_sampled", m.TotalRowsSampled);
        w.WriteString("profiling_engine", m.ProfilingEngine);
        w.WriteBoolean("is_synthetic", m.IsSynthetic);
        w.WriteString("confidence", m.Confidence);
        WriteOptional(w, "synthetic_reason", m.SyntheticReason);
        WriteOptional(w, "auto_refine_after_runs", m.AutoRefineAfterRuns);
        w.WriteString("profiling_mode", m.ProfilingMode);
        WriteDouble(w, "sample_rate", m.SampleRate);
        w.WriteString("volume_source", m.VolumeSource);
        WriteOptional(w, "duration_ms", m.DurationMs);

        w.WriteStartArray("warnings");
        var warnings = m.Warnings
            .OrderBy(x => x.Code, StringComparer.Ordinal)
            .ThenBy(x => x.Partition, StringComparer.Ordinal)
            .ThenBy(x => x.File, StringComparer.Ordinal)
            .ThenBy(x => x.Column, StringComparer.Ordinal)
            .ThenBy(x => x.Message, StringComparer.Ordinal);
        foreach (var warning in warnings)
        {
            w.WriteStartObject();
            w.WriteString("code", warning.Code);
            WriteOptional(w, "partition", warning.Partition);
            WriteOptional(w, "file", warning.File);
            WriteOptional(w, "column", warning.Column);
            w.WriteString("message", warning.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteVolume(Utf8JsonWriter w, VolumeBaseline v)
    {
        w.WriteStartObject("volume");
        w.WriteNumber("avg_row_count", v.AvgRowCount);
        w.WriteNumber("stddev_row_count", v.StddevRowCount);
        w.WriteNumber("min_row_count", v.MinRowCount);
        w.WriteNumber("max_row_count", v.MaxRowCount);
        w.WriteNumber("anomaly_lower_bound", v.AnomalyLowerBound);
        w.WriteNumber("anomaly_upper_bound", v.AnomalyUpperBound);
        WriteOptional(w, "median_row_count", v.MedianRowCount);
        WriteOptional(w, "mad_row_count", v.MadRowCount);
        WriteOptional(w, "robust_lower_bound", v.RobustLowerBound);
        WriteOptional(w, "robust_upper_bound", v.RobustUpperBound);
        WriteDouble(w, "sigma_multiplier", v.SigmaMultiplier);
        w.WriteEndObject();
    }

    private static void WriteSchema(Utf8JsonWriter w, SchemaBaseline s)
    {
        w.WriteStartObject("schema");
        w.WriteNumber("column_count", s.ColumnCount);
        w.WriteString("canonical_fingerprint", s.CanonicalFingerprint);
        w.WriteStartArray("columns");
        foreach (var c in s.Columns)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("type", c.Type);
            w.WriteBoolean("nullable", c.Nullable);
            WriteOptional(w, "null_rate", c.NullRate);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTiming(Utf8JsonWriter w, TimingBaseline t)
    {
        w.WriteStartObject("timing");
        WriteOptional(w, "avg_duration_ms", t.AvgDurationMs);
        WriteOptional(w, "p50_duration_ms", t.P50DurationMs);
        WriteOptional(w, "p95_duration_ms", t.P95DurationMs);
        WriteOptional(w, "p99_duration_ms", t.P99DurationMs);
        WriteOptional(w, "typical_arrival_offset_min", t.TypicalArrivalOffsetMin);
        w.WriteString("source", t.Source);
        w.WriteEndObject();
    }

    private static void WritePiiScan(Utf8JsonWriter w, PiiScanBaseline p)
    {
        w.WriteStartObject("pii_scan");
        WriteStrings(w, "columns_with_pii", p.ColumnsWithPii, sort: true);
        w.WriteStartObject("pii_patterns_detected");
        foreach (var (column, f) in Sorted(p.PiiPatternsDetected))
        {
            w.WriteStartObject(column);
            w.WriteString("pattern", f.Pattern);
            WriteDouble(w, "confidence", f.Confidence);
            w.WriteString("validator", f.Validator);
            w.WriteNumber("matched", f.Matched);
            w.WriteNumber("sampled", f.Sampled);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        WriteStrings(w, "columns_scanned", p.ColumnsScanned, sort: true);
        WriteStrings(w, "timeouts", p.Timeouts, sort: true);
        w.WriteEndObject();
    }

    private static void WriteColumnProfile(Utf8JsonWriter w, string column, ColumnProfile c, bool isPii)
    {
        w.WriteStartObject(column);
        w.WriteNumber("null_count", c.NullCount);
        WriteDouble(w, "null_rate", c.NullRate);
        if (!isPii)
        {
            // A flagged column's extremes are data values: they are dropped here even if a caller set them.
            WriteBound(w, "min", c.Min);
            WriteBound(w, "max", c.Max);
        }

        WriteOptional(w, "approx_distinct", c.ApproxDistinct);
        if (c.Histogram is { } h)
        {
            w.WriteStartObject("histogram");
            w.WriteStartArray("edges");
            foreach (var edge in h.Edges)
            {
                WriteRawElement(w, JsonNumbers.Plain(edge));
            }

            w.WriteEndArray();
            w.WriteStartArray("counts");
            foreach (var count in h.Counts)
            {
                w.WriteNumberValue(count);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        if (c.StringLength is { } s)
        {
            w.WriteStartObject("string_length");
            w.WriteNumber("min", s.Min);
            w.WriteNumber("max", s.Max);
            WriteDouble(w, "avg", s.Avg);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteBound(Utf8JsonWriter w, string name, ColumnBound? bound)
    {
        if (bound is null)
        {
            return;
        }

        if (bound.IsNumber)
        {
            w.WritePropertyName(name);
            w.WriteRawValue(bound.Text);
        }
        else
        {
            w.WriteString(name, bound.Text);
        }
    }

    /// <summary>
    /// A raw number inside an array. The writer indents what it formats itself but not raw values, so the line
    /// break and indentation go in front of the number (whitespace before a JSON value is valid JSON).
    /// </summary>
    private static void WriteRawElement(Utf8JsonWriter w, string number) =>
        w.WriteRawValue("\n" + new string(' ', w.CurrentDepth * Options.IndentSize) + number);

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values, bool sort)
    {
        w.WriteStartArray(name);
        foreach (var value in sort ? values.Order(StringComparer.Ordinal) : values.AsEnumerable())
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteDouble(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(JsonNumbers.Rounded(value));
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            WriteDouble(w, name, v);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static IEnumerable<KeyValuePair<string, T>> Sorted<T>(IReadOnlyDictionary<string, T> map) =>
        map.OrderBy(kv => kv.Key, StringComparer.Ordinal);

    /// <summary>UTC to the second, as in HLD §5.4: <c>2026-02-15T10:35:00Z</c>.</summary>
    internal static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
