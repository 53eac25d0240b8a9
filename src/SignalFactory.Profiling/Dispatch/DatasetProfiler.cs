using System.Globalization;
using SignalFactory.Core.Manifests;
using SignalFactory.Core.Text;
using SignalFactory.DuckDb;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Engine;
using SignalFactory.Profiling.Synthetic;
using SignalFactory.Storage.Delta;
using SignalFactory.Storage.Hive;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>
/// Profiles one dataset into a <see cref="Baseline"/> (LLD §4.3–§4.7): discovers the partitions (Delta log or Hive
/// folders), samples the most recent 7 (or <c>override_profiling_days</c>), chooses a full or sampled scan from real
/// row counts, reads the files once with DuckDB, runs the PII detector over string columns, and assembles the
/// baseline. Fewer than 3 complete partitions (or an unpartitioned table) make the volume synthetic
/// (<c>NO_HISTORY</c>) while schema, null rates, histograms and PII still come from the data — unless the Delta log's
/// <c>numRecords</c> cover at least 3 recent partitions, which then give the volume without a scan. Corrupt files
/// are skipped with warnings; an unreadable Delta log fails with <see cref="DatasetProfilingException"/>; running out of
/// memory in sampled mode too gives a synthetic baseline (<c>PROFILING_OOM_FALLBACK</c>). Nothing is stored: see
/// <see cref="Store.BaselineStore"/>.
/// </summary>
public sealed partial class DatasetProfiler
{
    private readonly TimeProvider _time;
    private readonly IProfileScanner _scanner;
    private readonly BaselineAssembler _assembler;
    private readonly SyntheticBaselineGenerator _synthetic;

    /// <summary>Creates a profiler that scans with the DuckDB engine; <c>profiled_at</c> and durations come from <paramref name="timeProvider"/>.</summary>
    public DatasetProfiler(TimeProvider? timeProvider = null)
        : this(timeProvider ?? TimeProvider.System, new EngineProfileScanner(timeProvider ?? TimeProvider.System))
    {
    }

    internal DatasetProfiler(TimeProvider timeProvider, IProfileScanner scanner)
    {
        _time = timeProvider;
        _scanner = scanner;
        _assembler = new BaselineAssembler(timeProvider);
        _synthetic = new SyntheticBaselineGenerator(timeProvider);
    }

    /// <summary>Whether <paramref name="memoryLimit"/> is a DuckDB memory size such as <c>1GB</c>, <c>512MB</c> or <c>2GiB</c>.</summary>
    public static bool IsValidMemoryLimit(string? memoryLimit) =>
        MemorySizes.IsValid(memoryLimit);

    /// <summary>Profiles the table <paramref name="manifest"/> points at.</summary>
    /// <param name="manifest">A valid manifest (urn, tier, storage).</param>
    /// <param name="options">Bootstrap id, sampling, memory limit and threads.</param>
    /// <param name="progress">Receives a report per step and per file/column; may be null.</param>
    /// <param name="cancellationToken">Cancels discovery, the scan (DuckDB is interrupted) and the PII scan.</param>
    /// <exception cref="DatasetProfilingException">No usable location, an unreadable table, or an unsupported Delta feature.</exception>
    /// <exception cref="ProfilingOutOfMemoryException">DuckDB ran out of memory and <see cref="ProfileOptions.HandleOutOfMemory"/> is false.</exception>
    /// <exception cref="ArgumentException">The manifest lacks urn or tier, or an option is out of range.</exception>
    public async Task<ProfileOutcome> ProfileAsync(
        DatasetManifest manifest,
        ProfileOptions options,
        IProgress<ProfileProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(options);
        var (urn, tier) = CheckInputs(manifest, options);
        var started = _time.GetTimestamp();

        var location = TableLocator.Resolve(manifest);
        TableInventory inventory;
        DeltaSnapshot? snapshot;
        ScanPlan? plan;
        try
        {
            (inventory, snapshot, plan) = await DiscoverAndPlanAsync(manifest, options, location, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (DuckDbException ex) when (ex.IsOutOfMemory && options.HandleOutOfMemory)
        {
            // Reading the Delta log or the footers needs little memory; running out there is a limit set far too low.
            throw new DatasetProfilingException(
                $"Cannot profile '{location.Path}': DuckDB ran out of memory (memory_limit {options.MemoryLimit}) "
                + "reading the table's metadata; raise the memory limit.",
                ex)
            {
                Failure = ProfilingFailure.Unreadable,
            };
        }

        var run = new ProfileRun(urn, tier, options, inventory, started);
        if (plan is null)
        {
            run.Warnings.Add(new BaselineWarning
            {
                Code = BaselineWarningCodes.NoDataFiles,
                Message = $"The table at '{location.Path}' has no data files; the baseline is synthetic until data arrives.",
            });
            return Finish(run, Synthetic(run, SyntheticReasons.NoHistory), [], progress);
        }

        if (plan.Files.Count == 0 && snapshot is not null && plan.Skipped.All(f => f.IsMissing))
        {
            throw MissingDataFiles(location, inventory, snapshot);
        }

        if (plan.Files.Count == 0)
        {
            throw new DatasetProfilingException(
                $"Cannot profile '{location.Path}': none of the {plan.Skipped.Count} data file(s) of the selected partitions "
                + $"can be read (first: '{plan.Skipped[0].Path}': {plan.Skipped[0].Reason}).")
            {
                Failure = ProfilingFailure.Unreadable,
            };
        }

        var mode = plan.SampleRate is { } r ? string.Create(CultureInfo.InvariantCulture, $"sampled scan ({r:0.####} of the data)") : "full scan";
        progress?.Report(new ProfileProgress(
            ProfileStage.Scanning,
            string.Create(CultureInfo.InvariantCulture, $"{mode} of {plan.Files.Count} file(s), {plan.KnownRows:N0} rows in {plan.Selected.Count} partition(s)")));
        var request = new ProfileScanRequest
        {
            Files = plan.Files,
            PartitionColumns = [.. inventory.PartitionColumns.Select(c => new PartitionColumn(c, inventory.PartitionTypes.GetValueOrDefault(c, "VARCHAR")))],
            PhysicalToLogicalNames = inventory.ColumnMap.Count == 0 ? null : inventory.ColumnMap,
            ColumnNullability = inventory.DeclaredNullable.Count == 0 ? null : inventory.DeclaredNullable,
            Mode = plan.SampleRate is { } rate ? ScanMode.Sampled(rate) : ScanMode.Full,
            HistogramBinCount = options.HistogramBins,
            DistinctSampleSize = options.PiiSampleSize,
            MemoryLimit = options.MemoryLimit,
            Threads = options.Threads,
            RetrySampledOnOutOfMemory = options.HandleOutOfMemory,
        };
        ProfileScanResult scan;
        try
        {
            scan = await _scanner.ScanAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ProfilingOutOfMemoryException ex) when (options.HandleOutOfMemory)
        {
            AddSkipped(run, plan.Skipped);
            run.Warnings.Add(new BaselineWarning
            {
                Code = BaselineWarningCodes.ProfilingOutOfMemory,
                Message = ex.Message,
            });
            return Finish(run, Synthetic(run, SyntheticReasons.ProfilingOomFallback), [], progress);
        }
        catch (Engine.ProfilingException ex) when (ex is not ProfilingOutOfMemoryException)
        {
            var first = plan.Skipped.Select(s => (s.Path, s.Reason)).Concat(ex.SkippedFiles.Select(s => (s.Path, s.Reason))).FirstOrDefault();
            var detail = first.Path is null ? "" : $" (first unreadable file: '{first.Path}': {first.Reason})";
            throw new DatasetProfilingException($"Cannot profile '{location.Path}': {ex.Message}{detail}", ex)
            {
                Failure = ProfilingFailure.Unreadable,
            };
        }

        return Finish(run, Assemble(run, manifest, plan, scan, snapshot, progress, cancellationToken), run.Scanned, progress);
    }

    // Metadata (Delta log, checkpoints, footers) is read through a DuckDB database of its own, closed before the scan
    // engine opens its database, so the memory limit is never held twice.
    private static async Task<(TableInventory Inventory, DeltaSnapshot? Snapshot, ScanPlan? Plan)> DiscoverAndPlanAsync(
        DatasetManifest manifest,
        ProfileOptions options,
        TableLocation location,
        IProgress<ProfileProgress>? progress,
        CancellationToken ct)
    {
        progress?.Report(new ProfileProgress(ProfileStage.Discovering, $"discovering partitions of {location.Path}"));
        using var database = DuckDbDatabase.Open(path: null, new DuckDbOptions { MemoryLimit = options.MemoryLimit, Threads = options.Threads });
        using var connection = database.Connect();
        TableInventory inventory;
        DeltaSnapshot? snapshot = null;
        if (location.Format == StorageFormats.Delta)
        {
            (inventory, snapshot) = await DeltaDiscovery
                .DiscoverAsync(location, manifest.Storage?.PartitionKey, connection, ct)
                .ConfigureAwait(false);
        }
        else
        {
            inventory = ParquetDiscovery.Discover(location, manifest.Storage?.PartitionKey, ct);
        }

        if (inventory.Partitions.Count == 0)
        {
            return (inventory, snapshot, null);
        }

        progress?.Report(new ProfileProgress(ProfileStage.Planning, $"counting rows of the newest partitions of {inventory.Partitions.Count}"));
        var plan = await ScanPlanner.PlanAsync(
            inventory, ScanPlanner.Lookback(manifest, options), options, new ParquetFooterReader(connection), progress, ct)
            .ConfigureAwait(false);
        if (snapshot is not null)
        {
            (plan, inventory) = await DeltaCommitHistory.FillAsync(plan, inventory, snapshot, ct).ConfigureAwait(false);
        }

        return (inventory, snapshot, plan);
    }

    private static (string Urn, string Tier) CheckInputs(DatasetManifest manifest, ProfileOptions options)
    {
        if (string.IsNullOrWhiteSpace(manifest.Urn) || string.IsNullOrWhiteSpace(manifest.Tier))
        {
            throw new ArgumentException("The manifest needs urn and tier to be profiled; validate it first.", nameof(manifest));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(options.BootstrapId, nameof(options));
        if (options.SampleRate is { } rate && (double.IsNaN(rate) || rate <= 0 || rate > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"The sample rate must be in (0, 1]; got {rate}.");
        }

        if (options.FullScanMaxRows < 1 || options.HistogramBins < 1 || options.PiiSampleSize < 1 || options.Threads is < 1
            || options.LookbackPartitions is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Row budget, histogram bins, PII sample size, threads and lookback must be at least 1.");
        }

        if (!IsValidMemoryLimit(options.MemoryLimit))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"'{options.MemoryLimit}' is not a memory size such as 1GB or 512MB.");
        }

        return (manifest.Urn, manifest.Tier);
    }

    private ProfileOutcome Finish(ProfileRun run, Baseline baseline, IReadOnlyList<ScannedPartition> scanned, IProgress<ProfileProgress>? progress)
    {
        progress?.Report(new ProfileProgress(ProfileStage.Done, "baseline assembled"));
        var json = BaselineJson.Serialize(baseline);
        return new ProfileOutcome(baseline, json, baseline.ProfilingMetadata.Warnings)
        {
            TableLocation = run.Inventory.Location.Path,
            Format = run.Inventory.Location.Format,
            PartitionsDiscovered = run.Inventory.Partitions.Count,
            ScannedPartitions = scanned,
        };
    }

    private Baseline Synthetic(ProfileRun run, string reason)
    {
        var baseline = _synthetic.Generate(run.Urn, run.Tier, run.Options.BootstrapId, reason);
        return baseline with
        {
            ProfilingMetadata = baseline.ProfilingMetadata with
            {
                Warnings = [.. run.Inventory.Warnings, .. run.Warnings],
                DurationMs = run.ElapsedMs(_time),
            },
        };
    }

    /// <summary>
    /// A Delta log whose active files are absent from disk (for every selected partition): a log-only copy or lost
    /// data. The profile fails naming the table, how many files are missing and the first one; the log's statistics
    /// are not passed off as a profile of data that cannot be read.
    /// </summary>
    private static DatasetProfilingException MissingDataFiles(TableLocation location, TableInventory inventory, DeltaSnapshot snapshot)
    {
        var all = inventory.Partitions.SelectMany(p => p.Files).ToList();
        var missing = all.Where(f => !File.Exists(f.Path)).Select(f => f.Path).Order(StringComparer.Ordinal).ToList();
        var scope = missing.Count == all.Count ? "none of them is" : $"{missing.Count} of them, every file of the newest partitions profiled, are not";
        return new DatasetProfilingException(
            $"Cannot profile Delta table '{location.Path}': its log (version {snapshot.Version}) references {all.Count} active data file(s) "
            + $"and {scope} on disk (first missing: '{missing[0]}'). The data files are absent (a log-only copy, or files removed "
            + "outside Delta); restore them or point the manifest at the complete table.")
        {
            Failure = ProfilingFailure.Unreadable,
        };
    }

    private static void AddSkipped(ProfileRun run, IEnumerable<SkippedFile> skipped)
    {
        foreach (var file in skipped)
        {
            var missing = file.IsMissing;
            run.Warnings.Add(new BaselineWarning
            {
                Code = missing ? BaselineWarningCodes.MissingFileSkipped : BaselineWarningCodes.CorruptFileSkipped,
                Message = missing ? $"Skipped a missing data file: {SkippedFile.MissingReason}." : $"Skipped an unreadable data file: {file.Reason}",
                Partition = run.Inventory.IsPartitioned ? file.PartitionLabel : null,
                File = file.Path,
            });
        }
    }

    /// <summary>State shared by the steps of one profile.</summary>
    private sealed class ProfileRun(string urn, string tier, ProfileOptions options, TableInventory inventory, long started)
    {
        public string Urn { get; } = urn;

        public string Tier { get; } = tier;

        public ProfileOptions Options { get; } = options;

        public TableInventory Inventory { get; } = inventory;

        public List<BaselineWarning> Warnings { get; } = [];

        public List<ScannedPartition> Scanned { get; } = [];

        public long ElapsedMs(TimeProvider time) => (long)time.GetElapsedTime(started).TotalMilliseconds;
    }
}
