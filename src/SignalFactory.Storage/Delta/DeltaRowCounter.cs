using SignalFactory.Storage.Hive;

namespace SignalFactory.Storage.Delta;

/// <summary>
/// The row count of one partition of a snapshot. <see cref="RowCount"/> is null when some file's count is
/// unknown (no stats and an unreadable footer); <see cref="Failures"/> then names those files.
/// </summary>
public sealed record DeltaPartitionRowCount(
    IReadOnlyDictionary<string, string?> Values,
    long? RowCount,
    int FileCount,
    long TotalSize,
    int FilesCountedFromFooters,
    IReadOnlyList<ParquetFooterResult> Failures);

/// <summary>
/// Counts rows per partition of a snapshot: from each file's <c>numRecords</c> statistic when the log has it,
/// else from the file's Parquet footer (no data is read).
/// </summary>
public static class DeltaRowCounter
{
    public static async Task<IReadOnlyList<DeltaPartitionRowCount>> CountAsync(
        DeltaSnapshot snapshot,
        ParquetFooterReader footers,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(footers);
        var counts = new List<DeltaPartitionRowCount>();
        foreach (var partition in snapshot.GetPartitions())
        {
            long total = 0;
            var fromFooters = 0;
            var failures = new List<ParquetFooterResult>();
            foreach (var file in partition.Files)
            {
                if (file.Stats?.NumRecords is { } n)
                {
                    total += n;
                    continue;
                }

                var footer = await footers.ReadAsync(file.AbsolutePath, ct).ConfigureAwait(false);
                if (footer.Footer is { } f)
                {
                    total += f.RowCount;
                    fromFooters++;
                }
                else
                {
                    failures.Add(footer);
                }
            }

            counts.Add(new DeltaPartitionRowCount(
                partition.Values,
                failures.Count == 0 ? total : null,
                partition.FileCount,
                partition.TotalSize,
                fromFooters,
                failures));
        }

        return counts;
    }
}
