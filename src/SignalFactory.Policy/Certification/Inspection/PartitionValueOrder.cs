using System.Globalization;
using SignalFactory.Profiling.Timing;

namespace SignalFactory.Policy.Certification.Inspection;

/// <summary>
/// Orders partition values the way the profiler does ("most recent", LLD §4.3): two dates as dates
/// (<c>2026-02-14</c>, <c>20260214</c>), two numbers numerically (10 is newer than 9), anything else ordinally; a
/// null value (<c>__HIVE_DEFAULT_PARTITION__</c>) is the oldest.
/// </summary>
internal sealed class PartitionValueOrder : IComparer<string?>
{
    public static readonly PartitionValueOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        if (PartitionDates.TryParse(x, out var dx) && PartitionDates.TryParse(y, out var dy))
        {
            var byDate = dx.CompareTo(dy);
            if (byDate != 0)
            {
                return byDate;
            }
        }
        else if (decimal.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var nx)
            && decimal.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var ny))
        {
            var byValue = nx.CompareTo(ny);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return string.CompareOrdinal(x, y);
    }

    /// <summary>
    /// The key to order by: the manifest's <c>storage.partition_key</c> when the table is partitioned by it, else
    /// the outermost partition key; null for an unpartitioned table.
    /// </summary>
    public static string? OrderingKey(IReadOnlyList<string> tableKeys, string? manifestKey) =>
        !string.IsNullOrWhiteSpace(manifestKey) && tableKeys.Contains(manifestKey, StringComparer.Ordinal)
            ? manifestKey
            : tableKeys.Count > 0 ? tableKeys[0] : null;
}
