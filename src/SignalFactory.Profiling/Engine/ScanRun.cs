using System.Globalization;
using SignalFactory.DuckDb;
using SignalFactory.Storage.Parquet;

namespace SignalFactory.Profiling.Engine;

/// <summary>
/// One profiling attempt over a fixed set of readable files in one mode: schema, main pass, sketch pass, distinct
/// sample, partition columns. A data step that fails because of some files throws <see cref="FileFailuresException"/>
/// (the caller drops them and starts again); out-of-memory and cancellation pass through.
/// </summary>
internal sealed class ScanRun(
    DuckDbConnection connection, ProfileScanRequest request, ScanMode mode, TimeProvider time, Func<string, ScanMode, Task>? beforeStep)
{
    // Rows per wanted distinct value read for the distinct sample: enough to fill the sample from high-cardinality
    // columns without reading much. They come from the heads of a few sampled row groups: touching a row group costs
    // about as much as reading it whole (its pages are decompressed), so few row groups, many rows each.
    private const int DistinctRowsPerValue = 20;
    private const int DistinctSampleRanges = 3;
    private const string RowNumberColumn = "file_row_number";

    /// <param name="files">The files to read.</param>
    /// <param name="undecoded">Files whose data DuckDB cannot decode: only their footers count (see <see cref="UndecodedFiles"/>).</param>
    /// <param name="ct">Cancels the running query.</param>
    public async Task<ProfileScanResult> ExecuteAsync(
        IReadOnlyList<InventoryFile> files, IReadOnlyList<InventoryFile> undecoded, CancellationToken ct)
    {
        if (files.Count == 0)
        {
            return await FootersOnlyAsync(undecoded, ct).ConfigureAwait(false);
        }

        var warnings = new List<string>();
        var steps = new List<ProfileStepTiming>();
        var started = time.GetTimestamp();
        void Done(string step)
        {
            steps.Add(new ProfileStepTiming(step, time.GetElapsedTime(started)));
            started = time.GetTimestamp();
        }

        var all = ScanSource.AllOf(files);
        await Before("schema").ConfigureAwait(false);
        // The undecoded files' columns belong to the schema too (a LIMIT 0 query reads no data page).
        var duckDbUndecoded = undecoded.Where(f => f.OwnFooter is null).ToList();
        var columns = await FileFailures.IsolateAsync(
            duckDbUndecoded.Count == 0 ? all : ScanSource.AllOf([.. files, .. duckDbUndecoded]), "reading the schema", s => ReadColumnsAsync(s, ct), ct)
            .ConfigureAwait(false);
        columns = WithOwnFooterColumns(columns, [.. files, .. undecoded]);
        Done("schema");

        // DuckDB refuses file_row_number on a file that has a column of that name: then samples are whole files.
        var wholeFilesOnly = files.Any(f => f.Fields.Any(c => string.Equals(c.Name, RowNumberColumn, StringComparison.OrdinalIgnoreCase)));
        var totalRows = all.Rows;
        var main = mode.Kind == ScanModeKind.Full
            ? all
            : Sample(all, (long)Math.Ceiling(mode.SampleRate * totalRows), wholeFilesOnly);
        var known = mode.Kind == ScanModeKind.Full && request.UseFooterStatistics
            ? await FooterStatisticsAsync(all, columns, ct).ConfigureAwait(false)
            : new Dictionary<int, MainStats>();
        Done("footer statistics");

        await Before("main pass").ConfigureAwait(false);
        var (mainRows, mainStats) = await FileFailures.IsolateAsync(
            main, "scanning the data", s => MainPass.RunAsync(connection, s, columns, s == main ? known : Empty, ct), ct).ConfigureAwait(false);
        Done("main pass");

        var sketch = main.Rows <= request.SketchSampleRows
            ? main
            : SubSample(main, request.SketchSampleRows, wholeFilesOnly);
        var edges = columns.Select((c, i) => Edges(c, mainStats[i])).ToList();
        await Before("sketch pass").ConfigureAwait(false);
        var (sketchRows, sketchStats) = await FileFailures.IsolateAsync(
            sketch, "computing distinct counts and histograms", s => SketchPass.RunAsync(connection, s, columns, edges, ct), ct)
            .ConfigureAwait(false);
        Done("sketch pass");

        var distinctSource = wholeFilesOnly
            ? sketch
            : NonEmpty(RowGroupSampler.Head(sketch.Ranges, (long)request.DistinctSampleSize * DistinctRowsPerValue, DistinctSampleRanges), sketch);
        await Before("distinct sample").ConfigureAwait(false);
        var samples = await FileFailures.IsolateAsync(
            distinctSource, "sampling distinct values",
            s => DistinctSamplePass.RunAsync(connection, s, columns, request.DistinctSampleSize, ct), ct).ConfigureAwait(false);
        Done("distinct sample");

        var fromSample = sketchRows < totalRows;
        var profiles = new List<ColumnScanProfile>();
        for (var i = 0; i < columns.Count; i++)
        {
            profiles.Add(Assemble(columns[i], mainRows, mainStats[i], sketchStats[i], edges[i], samples[i], totalRows, fromSample));
        }

        var undecodedRows = undecoded.Sum(f => f.RowCount);
        if (undecoded.Count > 0 && mode.Kind == ScanModeKind.Full)
        {
            // A sample's statistics are estimates; exact footer counts added to them would weigh those files wrongly.
            var facts = await UndecodedFiles.ReadAsync(connection, undecoded, columns, ct).ConfigureAwait(false);
            for (var i = 0; i < columns.Count; i++)
            {
                profiles[i] = await UndecodedFiles.MergeAsync(connection, profiles[i], columns[i], facts[i], undecodedRows, ct).ConfigureAwait(false);
            }

            Done("undecoded files' footers");
        }

        IReadOnlyList<InventoryFile> counted = [.. files, .. undecoded];
        profiles.AddRange(await PartitionColumnProfiler.ProfileAsync(connection, counted, request, warnings, ct).ConfigureAwait(false));
        Done("partition columns");
        foreach (var file in counted)
        {
            if (file.Source.KnownRowCount is { } claimed && claimed != file.RowCount)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{file.Path}: the table metadata says {claimed} rows, the Parquet footer {file.RowCount}; the footer is used"));
            }
        }

        return new ProfileScanResult
        {
            Columns = profiles,
            Partitions = Partitions(counted),
            SkippedFiles = [],
            Warnings = warnings,
            TotalRows = totalRows + undecodedRows,
            RowsScanned = mainRows,
            SketchRows = sketchRows,
            Mode = mode,
            SampledRanges = mode.Kind == ScanModeKind.Full ? 0 : main.Ranges.Count,
            Steps = steps,
            ColumnsFromFooterStatistics = [.. known.Keys.Order().Select(i => columns[i].LogicalName)],
        };
    }

    private static readonly IReadOnlyDictionary<int, MainStats> Empty = new Dictionary<int, MainStats>();

    // No file could be decoded: the schema, rows, partitions and whatever null counts and min/max the footers carry.
    private async Task<ProfileScanResult> FootersOnlyAsync(IReadOnlyList<InventoryFile> undecoded, CancellationToken ct)
    {
        var warnings = new List<string>();
        var started = time.GetTimestamp();
        var duckDbUndecoded = undecoded.Where(f => f.OwnFooter is null).ToList();
        var columns = duckDbUndecoded.Count == 0
            ? []
            : await FileFailures.IsolateAsync(ScanSource.AllOf(duckDbUndecoded), "reading the schema", s => ReadColumnsAsync(s, ct), ct)
                .ConfigureAwait(false);
        columns = WithOwnFooterColumns(columns, undecoded);
        var rows = undecoded.Sum(f => f.RowCount);
        var facts = await UndecodedFiles.ReadAsync(connection, undecoded, columns, ct).ConfigureAwait(false);
        var profiles = columns.Select((c, i) => UndecodedFiles.FromFooter(c, facts[i], rows)).ToList();
        profiles.AddRange(await PartitionColumnProfiler.ProfileAsync(connection, undecoded, request, warnings, ct).ConfigureAwait(false));
        return new ProfileScanResult
        {
            Columns = profiles,
            Partitions = Partitions(undecoded),
            SkippedFiles = [],
            Warnings = warnings,
            TotalRows = rows,
            RowsScanned = 0,
            SketchRows = 0,
            Mode = mode,
            Steps = [new ProfileStepTiming("undecoded files' footers", time.GetElapsedTime(started))],
        };
    }

    // Footer statistics only save work: when DuckDB cannot read them, every column is scanned instead.
    private async Task<IReadOnlyDictionary<int, MainStats>> FooterStatisticsAsync(
        ScanSource all, IReadOnlyList<ScanColumn> columns, CancellationToken ct)
    {
        try
        {
            return await FooterStatistics.ComputeAsync(connection, all, columns, ct).ConfigureAwait(false);
        }
        catch (DuckDbException ex) when (!ScanErrors.IsRunWide(ex))
        {
            return Empty;
        }
    }

    // A test hook: lets tests fail or cancel a chosen step without huge inputs.
    private Task Before(string step) => beforeStep?.Invoke(step, mode) ?? Task.CompletedTask;

    // Each partial range is one read_parquet branch of a UNION: past a few hundred, planning costs more than the
    // reads save, so such a sample takes whole files instead.
    private const int MaxRangeBranches = 256;

    private static ScanSource Sample(ScanSource all, long targetRows, bool wholeFilesOnly)
    {
        var ranges = RowGroupSampler.Choose(all.Files, targetRows, wholeFilesOnly);
        if (ranges.Count(r => !r.IsWholeFile) > MaxRangeBranches)
        {
            ranges = RowGroupSampler.Choose(all.Files, targetRows, wholeFilesOnly: true);
        }

        return NonEmpty(ranges, all);
    }

    // Picks within the main sample's ranges, so never more branches than the main sample has.
    private static ScanSource SubSample(ScanSource main, long targetRows, bool wholeFilesOnly) =>
        NonEmpty(RowGroupSampler.ChooseFrom(main.Ranges, targetRows, wholeFilesOnly), main);

    // Files without rows give no range to sample; reading them whole still yields the schema (and no row).
    private static ScanSource NonEmpty(IReadOnlyList<RowRange> ranges, ScanSource fallback) =>
        ranges.Count == 0 ? fallback : ScanSource.From(ranges);

    private async Task<IReadOnlyList<ScanColumn>> ReadColumnsAsync(ScanSource source, CancellationToken ct)
    {
        var parameters = new List<object?>();
        using var result = await connection.QueryAsync($"SELECT * FROM {source.Relation(parameters)} LIMIT 0", parameters, ct)
            .ConfigureAwait(false);
        var partitionKeys = request.PartitionColumns.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var columns = new List<ScanColumn>();
        for (var i = 0; i < result.ColumnCount; i++)
        {
            var name = result.GetName(i);
            var logical = request.PhysicalToLogicalNames?.GetValueOrDefault(name) ?? name;
            if (partitionKeys.Contains(logical))
            {
                continue;
            }

            var type = result.GetColumnType(i);
            columns.Add(new ScanColumn(name, logical, result.GetTypeName(i), type, ScanColumn.KindOf(type), Nullable(name, logical, source))
            {
                NamedInFooters = source.ColumnNames.Contains(name),
            });
        }

        return columns;
    }

    // The caller's schema decides; else a column is NOT NULL only when every file has it and declares it REQUIRED.
    private bool Nullable(string name, string logical, ScanSource source) => Nullable(name, logical, source.Files);

    private bool Nullable(string name, string logical, IReadOnlyList<InventoryFile> files)
    {
        if (request.ColumnNullability?.TryGetValue(logical, out var nullable) == true)
        {
            return nullable;
        }

        return !files.All(f => f.Fields.Any(c => c.Required && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// Adds the columns of files whose footers only our parser read (DuckDB never described them), typed by
    /// <see cref="ParquetDuckDbTypes"/> as DuckDB would, after DuckDB's own columns (matched by name, ignoring case,
    /// as <c>union_by_name</c> does); nullability is then decided over all files.
    /// </summary>
    private IReadOnlyList<ScanColumn> WithOwnFooterColumns(IReadOnlyList<ScanColumn> columns, IReadOnlyList<InventoryFile> all)
    {
        var own = all.Where(f => f.OwnFooter is not null).ToList();
        if (own.Count == 0)
        {
            return columns;
        }

        var partitionKeys = request.PartitionColumns.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var result = columns.ToList();
        var names = new HashSet<string>(columns.Select(c => c.SourceName), StringComparer.OrdinalIgnoreCase);
        foreach (var file in own)
        {
            foreach (var column in ParquetDuckDbTypes.TopLevelColumns(file.OwnFooter!.Schema))
            {
                var logical = request.PhysicalToLogicalNames?.GetValueOrDefault(column.Name) ?? column.Name;
                if (partitionKeys.Contains(logical) || !names.Add(column.Name))
                {
                    continue;
                }

                result.Add(new ScanColumn(column.Name, logical, column.DuckDbTypeName, column.Type, ScanColumn.KindOf(column.Type), true));
            }
        }

        return [.. result.Select(c => c with { Nullable = Nullable(c.SourceName, c.LogicalName, all) })];
    }

    private HistogramEdges? Edges(ScanColumn column, MainStats? stats) =>
        column.Kind == ScanColumnKind.Numeric && stats is { FiniteMin: { } min, FiniteMax: { } max }
            ? new HistogramEdges(min, max, request.HistogramBinCount)
            : null;

    private static ColumnScanProfile Assemble(
        ScanColumn column,
        long rows,
        MainStats? main,
        SketchStats? sketch,
        HistogramEdges? edges,
        IReadOnlyList<string>? sample,
        long totalRows,
        bool fromSample)
    {
        var nonNull = main?.NonNull ?? 0;
        long? distinct = null;
        if (sketch?.Distinct is { } seen)
        {
            // Non-null values of all profiled rows: exact in full mode, scaled from the main sample otherwise.
            var population = rows == 0 ? 0 : (long)Math.Round((double)nonNull / rows * totalRows);
            distinct = fromSample ? DistinctEstimator.Estimate(seen, sketch.NonNull, population) : Math.Min(seen, nonNull);
        }

        return new ColumnScanProfile
        {
            Name = column.LogicalName,
            PhysicalName = column.SourceName,
            DuckDbType = column.TypeName,
            Kind = column.Kind,
            Nullable = column.Nullable,
            RowCount = rows,
            NullCount = rows - nonNull,
            Min = main?.Min,
            Max = main?.Max,
            ApproxDistinct = distinct,
            DistinctFromSample = fromSample && distinct is not null,
            Histogram = edges is not null && sketch?.Bins is { } bins ? new NumericHistogram(edges.Edges(), bins, fromSample) : null,
            StringLength = main is { LengthMin: { } lmin, LengthMax: { } lmax, LengthAvg: { } avg } ? new StringLengthProfile(lmin, lmax, avg) : null,
            DistinctSample = column.Kind == ScanColumnKind.String ? sample ?? [] : null,
        };
    }

    private IReadOnlyList<ScanPartitionRowCount> Partitions(IReadOnlyList<InventoryFile> files)
    {
        var groups = new List<(string Label, IReadOnlyDictionary<string, string?> Values, long Rows, int Files)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var label = file.Source.PartitionLabel ?? Label(file.Source.PartitionValues);
            if (!index.TryGetValue(label, out var at))
            {
                at = groups.Count;
                index.Add(label, at);
                groups.Add((label, file.Source.PartitionValues, 0, 0));
            }

            var group = groups[at];
            groups[at] = group with { Rows = group.Rows + file.RowCount, Files = group.Files + 1 };
        }

        return groups.Count == 1 && groups[0].Label.Length == 0
            ? []
            : [.. groups.Select(g => new ScanPartitionRowCount(g.Label, g.Values, g.Rows, g.Files))];
    }

    private string Label(IReadOnlyDictionary<string, string?> values) =>
        string.Join('/', request.PartitionColumns.Select(k =>
            k.Name + "=" + (values.GetValueOrDefault(k.Name) ?? "__HIVE_DEFAULT_PARTITION__")));
}
