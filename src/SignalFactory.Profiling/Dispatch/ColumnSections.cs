using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Engine;
using SignalFactory.Profiling.Pii;
using SignalFactory.Profiling.Schema;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>The sections built from the scan's columns.</summary>
internal sealed record ColumnSectionsResult(
    SchemaBaseline Schema,
    IReadOnlyDictionary<string, ColumnProfile> Profiles,
    PiiScanBaseline PiiScan,
    IReadOnlyList<BaselineWarning> Warnings);

/// <summary>
/// Builds the schema, column profiles and PII scan from the scan's columns. Null rates are null count ÷ rows read
/// (a sampled scan estimates them from its sample; partition columns are exact). Types are normalized by
/// <see cref="TypeNormalizer"/>; nullability is the table's declared one where it has one (the engine applies the
/// Delta schema), else what the files say. The PII
/// detector sees each string column's distinct sample, which is then dropped: no value reaches the baseline.
/// </summary>
internal static class ColumnSections
{
    public static ColumnSectionsResult Build(
        ProfileScanResult scan,
        TableInventory inventory,
        PiiDetector detector,
        IProgress<ProfileProgress>? progress,
        CancellationToken ct)
    {
        var schemaColumns = new List<SchemaColumn>(scan.Columns.Count);
        var profiles = new Dictionary<string, ColumnProfile>(StringComparer.Ordinal);
        var pii = new Dictionary<string, PiiColumnResult>(StringComparer.Ordinal);
        foreach (var column in scan.Columns)
        {
            schemaColumns.Add(new SchemaColumn
            {
                Name = column.Name,
                Type = Normalize(column.DuckDbType),
                Nullable = column.Nullable,
            });

            if (!column.StatisticsKnown)
            {
                // Known only from footers that carry no statistics for it: in the schema, without a profile.
                continue;
            }

            profiles[column.Name] = new ColumnProfile
            {
                NullCount = column.NullCount,
                NullRate = column.NullRate,
                Min = ColumnBounds.Parse(column.DuckDbType, column.Min),
                Max = ColumnBounds.Parse(column.DuckDbType, column.Max),
                ApproxDistinct = column.ApproxDistinct,
                Histogram = column.Histogram is { } h ? new Histogram { Edges = h.Edges, Counts = h.Counts } : null,
                StringLength = column.StringLength is { } l ? new StringLengthStats { Min = l.Min, Max = l.Max, Avg = l.Avg } : null,
            };

            if (column.DistinctSample is { } sample && IsString(column.DuckDbType))
            {
                progress?.Report(new ProfileProgress(ProfileStage.ScanningPii, $"PII scan of column {column.Name}"));
                pii[column.Name] = detector.Scan(sample, ct);
            }
        }

        var piiScan = PiiScanSection.From(pii);
        foreach (var flagged in piiScan.ColumnsWithPii)
        {
            // The writer drops them too; the model should not carry a PII column's extremes either.
            profiles[flagged] = profiles[flagged] with { Min = null, Max = null };
        }

        SchemaBaseline schema;
        try
        {
            schema = SchemaSection.From(schemaColumns);
        }
        catch (ArgumentException ex)
        {
            throw new DatasetProfilingException($"Cannot profile '{inventory.Location.Path}': {ex.Message}", ex)
            {
                Failure = ProfilingFailure.Unreadable,
            };
        }

        return new ColumnSectionsResult(schema, profiles, piiScan, PiiScanSection.Warnings(pii));
    }

    // An exotic type DuckDB can print but the normalizer cannot parse is kept upper-cased (the LLD fallback).
    private static string Normalize(string duckDbType)
    {
        try
        {
            return TypeNormalizer.Normalize(duckDbType);
        }
        catch (ArgumentException)
        {
            return duckDbType.Trim().ToUpperInvariant();
        }
    }

    private static bool IsString(string duckDbType)
    {
        try
        {
            return TypeNormalizer.IsString(duckDbType);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
