using SignalFactory.Storage.Parquet;

namespace SignalFactory.Profiling.Engine;

/// <summary>
/// Runs <see cref="ParquetPageStructure"/> (page headers against the footer) on every local file whose footer was
/// read, before any data step: a file whose pages contradict its footer is skipped like a corrupt footer, because
/// DuckDB may decode it into rows that are not what the writer meant (ARROW-RS-GH-6229-LEVELS.parquet: one data page
/// of 21 values in a chunk of 1 decodes to 1 row). Only page headers are read (a small read per page, no
/// decompression); remote files and footers our parser cannot read are not checked.
/// </summary>
internal static class PageStructureCheck
{
    public const string ReasonPrefix = "its page structure contradicts its footer: ";

    public static FileInventoryResult Apply(FileInventoryResult inventory, CancellationToken ct)
    {
        var kept = new List<InventoryFile>(inventory.Files.Count);
        var skipped = new List<SkippedScanFile>(inventory.Skipped);
        foreach (var file in inventory.Files)
        {
            ct.ThrowIfCancellationRequested();
            if (Inconsistency(file, ct) is { } problem)
            {
                skipped.Add(new SkippedScanFile(file.Path, ReasonPrefix + problem));
            }
            else
            {
                kept.Add(file);
            }
        }

        return kept.Count == inventory.Files.Count ? inventory : new FileInventoryResult(kept, skipped);
    }

    private static string? Inconsistency(InventoryFile file, CancellationToken ct)
    {
        if (file.Path.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        var footer = file.OwnFooter;
        if (footer is null && !ParquetFooterParser.TryReadFile(file.Path, out footer, out _))
        {
            return null; // DuckDB read a footer our parser does not: nothing to check against
        }

        try
        {
            return ParquetPageStructure.Check(file.Path, footer!, ct).Inconsistency;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // the data steps read the file next and report what is wrong with it
        }
    }
}
