using System.Globalization;
using System.Text.RegularExpressions;
using SignalFactory.DuckDb;

namespace SignalFactory.Profiling.Engine;

/// <summary>
/// Profiles the partition columns from metadata alone: each file's partition values (from the caller: the Delta
/// log or the folder names) weighted by the file's footer row count. Exact in both scan modes, and no data page is
/// read. Values are cast to the key's DuckDB type by DuckDB (bound as parameters); the type name itself goes into the
/// SQL text, so only plain names such as <c>BIGINT</c>, <c>TIMESTAMP WITH TIME ZONE</c> or <c>DECIMAL(10,2)</c> are
/// accepted.
/// </summary>
internal static partial class PartitionColumnProfiler
{
    public static async Task<IReadOnlyList<ColumnScanProfile>> ProfileAsync(
        DuckDbConnection connection,
        IReadOnlyList<InventoryFile> files,
        ProfileScanRequest request,
        List<string> warnings,
        CancellationToken ct)
    {
        var profiles = new List<ColumnScanProfile>();
        var totalRows = files.Sum(f => f.RowCount);
        foreach (var key in request.PartitionColumns)
        {
            var rowsByValue = new Dictionary<string, long>(StringComparer.Ordinal);
            long nullRows = 0;
            foreach (var file in files)
            {
                if (file.Source.PartitionValues.TryGetValue(key.Name, out var value) && value is not null)
                {
                    rowsByValue[value] = rowsByValue.GetValueOrDefault(value) + file.RowCount;
                }
                else
                {
                    nullRows += file.RowCount;
                }
            }

            var (typeName, type) = await ResolveTypeAsync(connection, key, ct).ConfigureAwait(false);
            var kind = ScanColumn.KindOf(type);
            var values = rowsByValue.Keys.Order(StringComparer.Ordinal).ToArray();
            var typed = await CastAsync(connection, key.DuckDbType, values, kind == ScanColumnKind.Numeric, ct).ConfigureAwait(false);
            var unparsed = typed.Count(t => t.Text is null);
            if (unparsed > 0)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"partition key '{key.Name}': {unparsed} of {values.Length} values do not parse as {typeName}"));
            }

            var (min, max) = await MinMaxAsync(connection, key.DuckDbType, values, ct).ConfigureAwait(false);
            profiles.Add(new ColumnScanProfile
            {
                Name = key.Name,
                PhysicalName = key.Name,
                DuckDbType = typeName,
                Kind = kind,
                Nullable = request.ColumnNullability?.TryGetValue(key.Name, out var nullable) == true ? nullable : true,
                IsPartitionColumn = true,
                RowCount = totalRows,
                NullCount = nullRows,
                Min = min,
                Max = max,
                ApproxDistinct = values.Length,
                Histogram = kind == ScanColumnKind.Numeric ? Histogram(values, typed, rowsByValue, request.HistogramBinCount) : null,
                StringLength = kind == ScanColumnKind.String ? Lengths(rowsByValue) : null,
                DistinctSample = kind == ScanColumnKind.String ? [.. values.Take(request.DistinctSampleSize)] : null,
            });
        }

        return profiles;
    }

    /// <summary>Checks the type name's shape, then lets DuckDB resolve it (an unknown type is an argument error).</summary>
    private static async Task<(string Name, DuckDbType Type)> ResolveTypeAsync(DuckDbConnection connection, PartitionColumn key, CancellationToken ct)
    {
        if (!TypeName().IsMatch(key.DuckDbType))
        {
            throw new ArgumentException(
                $"Partition key '{key.Name}' has the type '{key.DuckDbType}', which is not a plain DuckDB type name.", nameof(key));
        }

        try
        {
            using var result = await connection.QueryAsync($"SELECT CAST(NULL AS {key.DuckDbType})", [], ct).ConfigureAwait(false);
            return (result.GetTypeName(0), result.GetColumnType(0));
        }
        catch (DuckDbException ex) when (!ScanErrors.IsRunWide(ex))
        {
            throw new ArgumentException($"Partition key '{key.Name}' has the unknown DuckDB type '{key.DuckDbType}'.", nameof(key), ex);
        }
    }

    private static async Task<List<(string? Text, double? Number)>> CastAsync(
        DuckDbConnection connection, string type, string[] values, bool numeric, CancellationToken ct)
    {
        var byValue = new Dictionary<string, (string?, double?)>(StringComparer.Ordinal);
        if (values.Length > 0)
        {
            var number = numeric ? $", CAST(TRY_CAST(v AS {type}) AS DOUBLE)" : "";
            var sql = $"SELECT v, CAST(TRY_CAST(v AS {type}) AS VARCHAR){number} FROM unnest($1::VARCHAR[]) AS u(v)";
            using var result = await connection.QueryAsync(sql, [values], ct).ConfigureAwait(false);
            while (result.Read())
            {
                byValue[result.GetString(0)] = (
                    result.IsNull(1) ? null : result.GetString(1),
                    numeric && !result.IsNull(2) ? result.GetDouble(2) : null);
            }
        }

        return [.. values.Select(v => byValue.GetValueOrDefault(v))];
    }

    private static async Task<(string? Min, string? Max)> MinMaxAsync(
        DuckDbConnection connection, string type, string[] values, CancellationToken ct)
    {
        if (values.Length == 0)
        {
            return (null, null);
        }

        var sql = $"SELECT CAST(min(t) AS VARCHAR), CAST(max(t) AS VARCHAR) FROM (SELECT TRY_CAST(unnest($1::VARCHAR[]) AS {type}) AS t)";
        using var result = await connection.QueryAsync(sql, [values], ct).ConfigureAwait(false);
        return result.Read() ? (result.IsNull(0) ? null : result.GetString(0), result.IsNull(1) ? null : result.GetString(1)) : (null, null);
    }

    private static NumericHistogram? Histogram(
        string[] values, List<(string? Text, double? Number)> typed, Dictionary<string, long> rows, int bins)
    {
        var points = new List<(double Value, long Rows)>();
        for (var i = 0; i < values.Length; i++)
        {
            if (typed[i].Number is { } x && double.IsFinite(x))
            {
                points.Add((x, rows[values[i]]));
            }
        }

        if (points.Count == 0)
        {
            return null;
        }

        var edges = new HistogramEdges(points.Min(p => p.Value), points.Max(p => p.Value), bins);
        var counts = new long[edges.BinCount];
        foreach (var (x, n) in points)
        {
            var bin = edges.Min == edges.Max ? 0 : (int)Math.Min(bins - 1, Math.Floor((x - edges.Min) / (edges.Max - edges.Min) * bins));
            counts[bin] += n;
        }

        return new NumericHistogram(edges.Edges(), counts, FromSample: false);
    }

    // DuckDB's length() counts Unicode code points; so do runes.
    private static StringLengthProfile? Lengths(Dictionary<string, long> rows)
    {
        long total = 0, weighted = 0, min = long.MaxValue, max = 0;
        foreach (var (value, n) in rows)
        {
            long length = value.EnumerateRunes().Count();
            min = Math.Min(min, length);
            max = Math.Max(max, length);
            weighted += length * n;
            total += n;
        }

        return total == 0 ? null : new StringLengthProfile(min, max, (double)weighted / total);
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*( [A-Za-z][A-Za-z0-9_]*)*(\(\d{1,3}(, ?\d{1,3})?\))?$")]
    private static partial Regex TypeName();
}
