using System.Globalization;
using SignalFactory.Core.Manifests;
using SignalFactory.Storage.Delta;

namespace SignalFactory.Policy.Certification.Inspection;

/// <summary>
/// The cheap first-write check (LLD §7.3, replacing the EventBridge rule): for Delta, the newest version in
/// <c>_delta_log</c> (one listing of the log folder, no replay); for Parquet, the number of data files. The result
/// is a short token; a deferred dataset is examined in full only when its token changes and could hold data.
/// </summary>
internal static class TableProbe
{
    public const string Missing = "missing";

    public static async Task<string> ReadAsync(GoldTable table, CancellationToken ct)
    {
        var root = table.LocalPath;
        if (table.Format == StorageFormats.Delta)
        {
            if (!Directory.Exists(Path.Combine(root, "_delta_log")))
            {
                return "delta:" + Missing;
            }

            var latest = await new DeltaTableReader().ReadLatestVersionAsync(root, ct).ConfigureAwait(false);
            return latest is { } v ? string.Create(CultureInfo.InvariantCulture, $"delta:v{v}") : "delta:none";
        }

        if (File.Exists(root))
        {
            return "parquet:files=1";
        }

        if (!Directory.Exists(root))
        {
            return "parquet:" + Missing;
        }

        return string.Create(CultureInfo.InvariantCulture, $"parquet:files={CountDataFiles(root, ct)}");
    }

    /// <summary>True when a table with this probe token may hold rows (a commit exists, a data file exists).</summary>
    public static bool MayHoldData(string probe) =>
        probe is not ("delta:" + Missing or "delta:none" or "parquet:" + Missing or "parquet:files=0");

    // Hidden names (_SUCCESS, .crc, _delta_log, .tmp) are not data, as in Hive partition discovery.
    private static int CountDataFiles(string root, CancellationToken ct)
    {
        var count = 0;
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var folder = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                if (!IsHidden(Path.GetFileName(file)))
                {
                    count++;
                }
            }

            foreach (var sub in Directory.EnumerateDirectories(folder))
            {
                if (!IsHidden(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }
        }

        return count;
    }

    internal static bool IsHidden(string name) =>
        name.StartsWith('_') || name.StartsWith('.') || name.EndsWith("_$folder$", StringComparison.Ordinal);
}
