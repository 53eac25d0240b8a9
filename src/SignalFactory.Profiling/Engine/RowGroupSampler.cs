namespace SignalFactory.Profiling.Engine;

/// <summary>Rows [<see cref="Start"/>, <see cref="End"/>) of one file, by DuckDB's <c>file_row_number</c>.</summary>
internal sealed record RowRange(InventoryFile File, long Start, long End)
{
    public long Rows => End - Start;

    public bool IsWholeFile => Start == 0 && End == File.RowCount;
}

/// <summary>
/// Picks whole row groups for a sample, deterministically: systematic sampling over the row groups of all files laid
/// end to end, with points every <c>total / m</c> rows (offset by half a step), so a row group is picked with a
/// chance proportional to its size and every stretch of the table (every partition, when there are enough picks) is
/// represented. Reading whole row groups is what makes a sample cheap: DuckDB skips the other row groups through the
/// <c>file_row_number</c> statistics, while TABLESAMPLE would still read every row. A row group much larger than
/// a pick's share is cut to its first rows (the reader then decodes only part of it).
/// </summary>
internal static class RowGroupSampler
{
    /// <summary>
    /// Ranges of about <paramref name="targetRows"/> rows in total; every row when the files hold fewer. With
    /// <paramref name="wholeFilesOnly"/> the units are whole files (when row numbers cannot be used).
    /// </summary>
    public static IReadOnlyList<RowRange> Choose(IReadOnlyList<InventoryFile> files, long targetRows, bool wholeFilesOnly) =>
        ChooseFrom([.. files.Select(f => new RowRange(f, 0, f.RowCount))], targetRows, wholeFilesOnly);

    /// <summary>
    /// Like <see cref="Choose"/>, but only within <paramref name="ranges"/> (a sub-sample of a sample: the sketch rows
    /// of a sampled scan lie inside its main sample, so histogram counts fall within the main pass's min and max).
    /// </summary>
    public static IReadOnlyList<RowRange> ChooseFrom(IReadOnlyList<RowRange> ranges, long targetRows, bool wholeFilesOnly)
    {
        var units = new List<RowRange>();
        foreach (var range in ranges)
        {
            if (wholeFilesOnly)
            {
                if (range.Rows > 0)
                {
                    units.Add(range);
                }

                continue;
            }

            // The range cut at its file's row-group boundaries.
            long start = 0;
            foreach (var rows in range.File.RowGroupRows)
            {
                var (from, to) = (Math.Max(start, range.Start), Math.Min(start + rows, range.End));
                if (from < to)
                {
                    units.Add(new RowRange(range.File, from, to));
                }

                start += rows;
            }
        }

        var total = units.Sum(u => u.Rows);
        if (targetRows >= total)
        {
            return Merge(units);
        }

        var average = (double)total / units.Count;
        var picks = (int)Math.Clamp(Math.Round(Math.Max(targetRows, 1) / average), 1, units.Count);
        var step = (double)total / picks;
        var perPick = (long)Math.Ceiling((double)Math.Max(targetRows, 1) / picks);
        var chosen = new List<RowRange>();
        var unit = 0;
        long unitStart = 0;
        for (var k = 0; k < picks; k++)
        {
            var point = (long)((k + 0.5) * step);
            while (unitStart + units[unit].Rows <= point)
            {
                unitStart += units[unit].Rows;
                unit++;
            }

            var range = units[unit];
            if (chosen.Count > 0 && ReferenceEquals(chosen[^1].File, range.File) && chosen[^1].Start == range.Start)
            {
                continue;
            }

            chosen.Add(!wholeFilesOnly && range.Rows > 2 * perPick ? range with { End = range.Start + perPick } : range);
        }

        return Merge(chosen);
    }

    /// <summary>
    /// The first rows of (at most <paramref name="maxRanges"/>, evenly spaced) ranges, about <paramref name="rows"/>
    /// in total: the distinct-value sample needs few rows, from many places.
    /// </summary>
    public static IReadOnlyList<RowRange> Head(IReadOnlyList<RowRange> ranges, long rows, int maxRanges)
    {
        if (ranges.Count == 0)
        {
            return ranges;
        }

        if (ranges.Count > maxRanges)
        {
            var step = (double)ranges.Count / maxRanges;
            ranges = [.. Enumerable.Range(0, maxRanges).Select(k => ranges[(int)((k + 0.5) * step)])];
        }

        var each = Math.Max(1, (long)Math.Ceiling((double)rows / ranges.Count));
        return [.. ranges.Select(r => r.Rows > each ? r with { End = r.Start + each } : r)];
    }

    // Adjacent ranges of one file become one range, so DuckDB opens the file once per stretch.
    private static List<RowRange> Merge(List<RowRange> ranges)
    {
        var merged = new List<RowRange>();
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && ReferenceEquals(merged[^1].File, range.File) && merged[^1].End == range.Start)
            {
                merged[^1] = merged[^1] with { End = range.End };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }
}
