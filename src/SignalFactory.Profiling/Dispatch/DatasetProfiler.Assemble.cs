using SignalFactory.Core.Manifests;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Engine;
using SignalFactory.Profiling.Pii;
using SignalFactory.Profiling.Synthetic;
using SignalFactory.Storage.Delta;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>From a finished scan to the baseline.</summary>
public sealed partial class DatasetProfiler
{
    private Baseline Assemble(
        ProfileRun run,
        DatasetManifest manifest,
        ScanPlan plan,
        ProfileScanResult scan,
        DeltaSnapshot? snapshot,
        IProgress<ProfileProgress>? progress,
        CancellationToken ct)
    {
        var labels = plan.Files.ToDictionary(f => f.Path, f => f.PartitionLabel ?? "", StringComparer.Ordinal);
        var skipped = plan.Skipped
            .Concat(scan.SkippedFiles.Select(s => new SkippedFile(s.Path, labels.GetValueOrDefault(s.Path, ""), s.Reason)))
            .ToList();
        AddSkipped(run, skipped);
        AddUndecoded(run, scan, labels);
        AddScanWarnings(run, scan);

        var volume = VolumeCounts(run, plan, scan, skipped);
        progress?.Report(new ProfileProgress(ProfileStage.ScanningPii, "scanning string columns for PII"));
        var detector = new PiiDetector(new PiiDetectorOptions { MaxSampleValues = run.Options.PiiSampleSize }, _time);
        var columns = ColumnSections.Build(scan, run.Inventory, detector, progress, ct);
        run.Warnings.AddRange(columns.Warnings);

        progress?.Report(new ProfileProgress(ProfileStage.Assembling, "computing volume and timing"));
        var (timing, timingWarning) = TimingSection.Build(plan.Selected, run.Inventory, manifest);
        if (timingWarning is not null)
        {
            run.Warnings.Add(timingWarning);
        }

        var sampled = scan.Mode.Kind == ScanModeKind.Sampled;
        var observed = new ProfiledSections
        {
            Schema = columns.Schema,
            ColumnProfiles = columns.Profiles,
            PiiScan = columns.PiiScan,
            Timing = timing,
            PartitionRowCounts = volume,
            TotalRowsSampled = scan.RowsScanned,
            ProfilingEngine = ProfilingEngines.DuckDb,
            ProfilingMode = sampled ? ProfilingModes.Sampled : ProfilingModes.Full,
            SampleRate = sampled && scan.TotalRows > 0 ? (double)scan.RowsScanned / scan.TotalRows : 1.0,
            Warnings = [.. run.Inventory.Warnings, .. run.Warnings],
            DurationMs = run.ElapsedMs(_time),
        };

        var baseline = volume.Count < SyntheticBaselineGenerator.MinHistoryPartitions && snapshot is not null
            && LogHistory(run.Inventory, ScanPlanner.Lookback(manifest, run.Options)) is { } history
            ? _synthetic.FromDeltaLogHistory(run.Urn, run.Options.BootstrapId, history, observed)
            : _assembler.Assemble(run.Urn, run.Tier, run.Options.BootstrapId, observed);
        return LowerForUndecoded(baseline, scan);
    }

    /// <summary>
    /// Undecoded files lower the confidence: to at most MEDIUM while some files were read, to LOW when none was
    /// (then only footers speak).
    /// </summary>
    private static Baseline LowerForUndecoded(Baseline baseline, ProfileScanResult scan)
    {
        if (scan.UndecodedFiles.Count == 0)
        {
            return baseline;
        }

        var cap = scan.RowsScanned == 0 && scan.TotalRows > 0 ? BaselineConfidence.Low : BaselineConfidence.Medium;
        var current = baseline.ProfilingMetadata.Confidence;
        var lowered = current == BaselineConfidence.Low || cap == BaselineConfidence.Low ? BaselineConfidence.Low
            : BaselineConfidence.Medium;
        return baseline with { ProfilingMetadata = baseline.ProfilingMetadata with { Confidence = lowered } };
    }

    private static void AddUndecoded(ProfileRun run, ProfileScanResult scan, Dictionary<string, string> labels)
    {
        foreach (var file in scan.UndecodedFiles)
        {
            run.Warnings.Add(new BaselineWarning
            {
                Code = BaselineWarningCodes.DataNotDecodable,
                Message = $"DATA_NOT_DECODABLE: {Path.GetFileName(file.Path)}: {file.Reason}. Its {file.RowCount} rows count in the "
                    + "volume; its footer's null counts and min/max are used where present; no distinct count, histogram or PII scan covers it.",
                Partition = run.Inventory.IsPartitioned ? labels.GetValueOrDefault(file.Path) : null,
                File = file.Path,
            });
        }
    }

    /// <summary>
    /// The engine's notes as warnings; the first note of an out-of-memory fallback explains that fallback
    /// (<see cref="DuckDbProfiler"/> puts it first).
    /// </summary>
    private static void AddScanWarnings(ProfileRun run, ProfileScanResult scan)
    {
        var notes = scan.Warnings.ToList();
        if (scan.FallbackReason == ProfileScanResult.FallbackOutOfMemory)
        {
            run.Warnings.Add(new BaselineWarning
            {
                Code = BaselineWarningCodes.SampledAfterOutOfMemory,
                Message = notes.Count > 0 ? notes[0] : $"The full scan ran out of memory (limit {run.Options.MemoryLimit}) and was retried sampled.",
            });
            notes = notes.Skip(1).ToList();
        }

        run.Warnings.AddRange(notes.Select(n => new BaselineWarning { Code = BaselineWarningCodes.ScanNote, Message = n }));
    }

    /// <summary>
    /// Rows per complete sampled partition, from the Parquet footers of its files (the engine's count, exact in
    /// both modes). A partition that lost a file is left out, with a warning; an unpartitioned table has no
    /// per-partition history.
    /// </summary>
    private static List<PartitionRowCount> VolumeCounts(ProfileRun run, ScanPlan plan, ProfileScanResult scan, List<SkippedFile> skipped)
    {
        var incomplete = skipped.Select(s => s.PartitionLabel).ToHashSet(StringComparer.Ordinal);
        var scanned = scan.Partitions.ToDictionary(p => p.Label, p => p.RowCount, StringComparer.Ordinal);
        var counts = new List<PartitionRowCount>();
        foreach (var partition in plan.Selected)
        {
            long? rows = incomplete.Contains(partition.Label) ? null
                : !run.Inventory.IsPartitioned ? scan.TotalRows
                : scanned.GetValueOrDefault(partition.Label);
            run.Scanned.Add(new ScannedPartition(partition.Label, partition.Files.Count, rows));
            if (!run.Inventory.IsPartitioned)
            {
                continue;
            }

            if (rows is { } n)
            {
                counts.Add(new PartitionRowCount { Partition = partition.Label, RowCount = n });
            }
            else
            {
                run.Warnings.Add(new BaselineWarning
                {
                    Code = BaselineWarningCodes.PartitionIncomplete,
                    Partition = partition.Label,
                    Message = "A data file of this partition was skipped, so its row count is incomplete and it is left out of the volume baseline.",
                });
            }
        }

        return counts;
    }

    /// <summary>
    /// The zero-scan volume history: the most recent max(lookback, 3) partitions of the log, when every one of
    /// their files carries <c>numRecords</c>; null otherwise.
    /// </summary>
    private static List<PartitionRowCount>? LogHistory(TableInventory inventory, int lookback)
    {
        if (!inventory.IsPartitioned)
        {
            return null;
        }

        var window = inventory.Partitions.Take(Math.Max(lookback, SyntheticBaselineGenerator.MinHistoryPartitions)).ToList();
        if (window.Count < SyntheticBaselineGenerator.MinHistoryPartitions || window.Any(p => p.KnownRowCount is null))
        {
            return null;
        }

        return [.. window.Select(p => new PartitionRowCount { Partition = p.Label, RowCount = p.KnownRowCount!.Value })];
    }
}
