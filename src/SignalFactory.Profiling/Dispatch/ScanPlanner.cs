using SignalFactory.Core.Manifests;
using SignalFactory.Profiling.Engine;
using SignalFactory.Storage.Hive;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>The dispatcher's decision: which partitions and files to scan, and how.</summary>
/// <param name="Selected">The sampled partitions, newest first, with every file's row count filled where it could be read.</param>
/// <param name="Files">The readable files of <paramref name="Selected"/>, handed to the scan.</param>
/// <param name="Skipped">Files whose footer could not be read: corrupt, left out (LLD §4.7); label → file.</param>
/// <param name="KnownRows">Rows in <paramref name="Files"/>, from Delta stats and Parquet footers.</param>
/// <param name="SampleRate">Null for a full scan, else the share to read.</param>
internal sealed record ScanPlan(
    IReadOnlyList<InventoryPartition> Selected,
    IReadOnlyList<ScanFile> Files,
    IReadOnlyList<SkippedFile> Skipped,
    long KnownRows,
    double? SampleRate);

/// <summary>A file left out of the profile, the partition it belongs to, and why (no data value).</summary>
internal sealed record SkippedFile(string Path, string PartitionLabel, string Reason)
{
    /// <summary>The reason given for a file the table lists but the disk does not hold.</summary>
    public const string MissingReason = "the data file does not exist (the table lists it, but it is not on disk)";

    /// <summary>Whether the file was skipped because it is missing rather than unreadable.</summary>
    public bool IsMissing => Reason == MissingReason || !System.IO.File.Exists(Path);
}

/// <summary>
/// LLD §4.3 with real row counts instead of bytes/200: sample the N most recent partitions (N = 7, or
/// <c>override_profiling_days</c>, or <see cref="ProfileOptions.LookbackPartitions"/>); count their rows from Delta
/// <c>numRecords</c> and, where a file has none, its Parquet footer; scan in full when the rows fit
/// <see cref="ProfileOptions.FullScanMaxRows"/>, else sample that many rows' worth of row groups.
/// </summary>
internal static partial class ScanPlanner
{
    public static int Lookback(DatasetManifest manifest, ProfileOptions options)
    {
        var lookback = options.LookbackPartitions ?? manifest.OverrideProfilingDays ?? ProfileOptions.DefaultLookbackPartitions;
        return Math.Max(1, lookback);
    }

    public static async Task<ScanPlan> PlanAsync(
        TableInventory inventory,
        int lookback,
        ProfileOptions options,
        ParquetFooterReader footers,
        IProgress<ProfileProgress>? progress,
        CancellationToken ct)
    {
        var selected = new List<InventoryPartition>();
        var skipped = new List<SkippedFile>();
        var inputs = new List<ScanFile>();
        foreach (var partition in inventory.Partitions.Take(lookback))
        {
            var files = new List<InventoryFile>(partition.Files.Count);
            foreach (var file in partition.Files)
            {
                // Delta numRecords is what the table's metadata claims; the engine checks it against the footer.
                var claimed = file.KnownRowCount;
                var counted = file;
                if (!File.Exists(file.Path))
                {
                    files.Add(file);
                    skipped.Add(new SkippedFile(file.Path, partition.Label, SkippedFile.MissingReason));
                    continue;
                }

                if (claimed is null)
                {
                    progress?.Report(new ProfileProgress(ProfileStage.Planning, $"reading the footer of {Path.GetFileName(file.Path)}"));
                    var footer = await footers.ReadAsync(file.Path, ct).ConfigureAwait(false);
                    if (footer.Footer is not { } f)
                    {
                        files.Add(file);
                        skipped.Add(new SkippedFile(file.Path, partition.Label, $"unreadable Parquet footer: {ValueFree(footer.Error, file.Path)}"));
                        continue;
                    }

                    counted = file with { KnownRowCount = f.RowCount };
                }

                files.Add(counted);
                inputs.Add(new ScanFile(file.Path)
                {
                    PartitionValues = file.PartitionValues,
                    PartitionLabel = inventory.IsPartitioned ? partition.Label : null,
                    KnownRowCount = claimed,
                });
            }

            selected.Add(partition with { Files = files });
        }

        var rows = selected.SelectMany(p => p.Files).Sum(f => f.KnownRowCount ?? 0);
        return new ScanPlan(selected, inputs, skipped, rows, ChooseSampleRate(rows, options));
    }

    /// <summary>
    /// DuckDB's footer error with every quoted text except the file's own path or name blanked: the message goes into
    /// the baseline, and a decoding error may quote a value.
    /// </summary>
    internal static string ValueFree(string? error, string path)
    {
        var text = error ?? "unknown error";
        return QuotedRegex().Replace(text, m =>
        {
            var inner = m.Value[1..^1];
            return inner == path || inner == Path.GetFileName(path) ? m.Value : m.Value[0] + "…" + m.Value[0];
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex("'[^']*'|\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex QuotedRegex();

    /// <summary>The forced rate, else null (full) when the rows fit the budget, else budget ÷ rows.</summary>
    public static double? ChooseSampleRate(long knownRows, ProfileOptions options)
    {
        if (options.SampleRate is { } forced)
        {
            return forced;
        }

        return knownRows <= options.FullScanMaxRows ? null : (double)options.FullScanMaxRows / knownRows;
    }
}
