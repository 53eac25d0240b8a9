using System.Globalization;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Timing;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>
/// Groups files into partitions and orders partitions newest first. "Most recent" (LLD §4.3) compares partition
/// values key by key: two dates as dates (<c>2026-02-14</c>, <c>20260214</c>), two numbers numerically (so 10 is
/// newer than 9), anything else ordinally; a null value is the oldest.
/// </summary>
internal static class PartitionOrder
{
    /// <summary>The label of a null partition value, as Hive and Spark name its folder.</summary>
    public const string NullLabel = "__HIVE_DEFAULT_PARTITION__";

    /// <summary>
    /// Chooses the grouping keys: the manifest's <c>storage.partition_key</c> when the table is partitioned by it,
    /// else every partition column. A manifest key the table lacks gives a warning, never a failure.
    /// </summary>
    public static (IReadOnlyList<string> Keys, BaselineWarning? Warning) GroupingKeys(
        IReadOnlyList<string> tableColumns, string? manifestKey)
    {
        if (string.IsNullOrWhiteSpace(manifestKey))
        {
            return (tableColumns, null);
        }

        if (tableColumns.Contains(manifestKey, StringComparer.Ordinal))
        {
            return ([manifestKey], null);
        }

        var actual = tableColumns.Count == 0
            ? "the table is not partitioned, so it is profiled as one unpartitioned table"
            : $"the table is partitioned by {string.Join(", ", tableColumns)}, which are used instead";
        return (tableColumns, new BaselineWarning
        {
            Code = BaselineWarningCodes.PartitionKeyNotFound,
            Column = manifestKey,
            Message = $"storage.partition_key '{manifestKey}' is not a partition column of the table; {actual}.",
        });
    }

    /// <summary>Groups files by the values of <paramref name="keys"/>; partitions come back newest first.</summary>
    public static IReadOnlyList<InventoryPartition> Group(IEnumerable<InventoryFile> files, IReadOnlyList<string> keys)
    {
        var groups = new Dictionary<string, (IReadOnlyList<string?> Key, List<InventoryFile> Files)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var key = keys.Select(k => file.PartitionValues.TryGetValue(k, out var v) ? v : null).ToList();
            var label = Label(keys, key);
            if (!groups.TryGetValue(label, out var group))
            {
                group = (key, []);
                groups.Add(label, group);
            }

            group.Files.Add(file);
        }

        return groups
            .Select(g => new InventoryPartition(g.Key, g.Value.Key, g.Value.Files))
            .OrderByDescending(p => p.Key, KeyComparer.Instance)
            .ThenByDescending(p => p.Label, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>"" without keys; the value for one key; <c>k=v/k2=v2</c> for several.</summary>
    public static string Label(IReadOnlyList<string> keys, IReadOnlyList<string?> values) => keys.Count switch
    {
        0 => "",
        1 => values[0] ?? NullLabel,
        _ => string.Join('/', keys.Select((k, i) => $"{k}={values[i] ?? NullLabel}")),
    };

    /// <summary>Compares two partition values; see the class remarks.</summary>
    public static int CompareValues(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        if (PartitionDates.TryParse(a, out var da) && PartitionDates.TryParse(b, out var db))
        {
            return da.CompareTo(db);
        }

        const NumberStyles number = NumberStyles.Float;
        if (decimal.TryParse(a, number, CultureInfo.InvariantCulture, out var na)
            && decimal.TryParse(b, number, CultureInfo.InvariantCulture, out var nb))
        {
            var byValue = na.CompareTo(nb);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return string.CompareOrdinal(a, b);
    }

    private sealed class KeyComparer : IComparer<IReadOnlyList<string?>>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(IReadOnlyList<string?>? x, IReadOnlyList<string?>? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
            {
                var c = CompareValues(x[i], y[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return x.Count.CompareTo(y.Count);
        }
    }
}
