namespace SignalFactory.Profiling.Engine;

/// <summary>
/// The rows one query reads: whole files (one <c>read_parquet</c> over the list, bound as one VARCHAR[] parameter),
/// or row ranges (one <c>read_parquet</c> per range with a <c>file_row_number</c> filter DuckDB prunes row groups
/// with, glued by <c>UNION ALL BY NAME</c> so a file without some column gives NULLs, as <c>union_by_name</c>
/// does). File paths and row numbers are parameters; nothing from the data or the request enters the SQL text.
/// </summary>
internal sealed class ScanSource
{
    private const string Options = "union_by_name = true, hive_partitioning = false";

    private ScanSource(IReadOnlyList<RowRange> ranges, bool wholeFiles)
    {
        Ranges = ranges;
        WholeFiles = wholeFiles;
        Rows = ranges.Sum(r => r.Rows);
        Files = [.. ranges.Select(r => r.File).Distinct()];
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Files)
        {
            names.UnionWith(file.Fields.Select(f => f.Name));
        }

        ColumnNames = names;
    }

    public IReadOnlyList<RowRange> Ranges { get; }

    /// <summary>True when every range is a whole file (one read_parquet over a list).</summary>
    public bool WholeFiles { get; }

    /// <summary>Rows the source yields, from the footers.</summary>
    public long Rows { get; }

    public IReadOnlyList<InventoryFile> Files { get; }

    /// <summary>Top-level columns present in at least one of the files (DuckDB matches names ignoring case).</summary>
    public IReadOnlySet<string> ColumnNames { get; }

    public static ScanSource From(IReadOnlyList<RowRange> ranges) => new(ranges, ranges.All(r => r.IsWholeFile));

    public static ScanSource AllOf(IReadOnlyList<InventoryFile> files) =>
        From([.. files.Select(f => new RowRange(f, 0, f.RowCount))]);

    /// <summary>The same kind of source restricted to one file (to find which file a failing query trips on).</summary>
    public ScanSource Only(InventoryFile file) => new([.. Ranges.Where(r => ReferenceEquals(r.File, file))], WholeFiles);

    public bool Contains(ScanColumn column) => !column.NamedInFooters || ColumnNames.Contains(column.SourceName);

    /// <summary>The relation for a FROM clause; its parameters are appended to <paramref name="parameters"/>.</summary>
    public string Relation(List<object?> parameters)
    {
        // Whole files share one read_parquet over a list (an empty file still contributes its schema); each partial
        // range is its own branch, whose row-number filter lets DuckDB skip the other row groups.
        var whole = Ranges.Where(r => r.IsWholeFile).Select(r => r.File.Path).Distinct(StringComparer.Ordinal).ToArray();
        var branches = new List<string>();
        if (whole.Length > 0)
        {
            parameters.Add(whole);
            var list = $"read_parquet(${parameters.Count}, {Options})";
            if (WholeFiles)
            {
                return list;
            }

            branches.Add("SELECT * FROM " + list);
        }

        foreach (var range in Ranges.Where(r => !r.IsWholeFile))
        {
            parameters.Add(range.File.Path);
            var file = parameters.Count;
            parameters.Add(range.Start);
            parameters.Add(range.End);
            branches.Add(
                $"SELECT * FROM read_parquet(${file}, file_row_number = true, hive_partitioning = false) " +
                $"WHERE file_row_number >= ${file + 1} AND file_row_number < ${file + 2}");
        }

        return "(" + string.Join(" UNION ALL BY NAME ", branches) + ")";
    }
}
