namespace SignalFactory.Examples.Lake;

/// <summary>Storage format of an example table.</summary>
public enum ExampleTableFormat
{
    /// <summary>A Delta Lake table: Parquet files plus a <c>_delta_log</c>.</summary>
    Delta,

    /// <summary>Hive-partitioned Parquet files (<c>dt=YYYY-MM-DD/part-NNNNN.parquet</c>).</summary>
    Parquet,
}

/// <summary>One table of the example lake.</summary>
/// <param name="Name">Table name, e.g. <c>orders_enriched</c>.</param>
/// <param name="Format">Delta or plain Parquet.</param>
/// <param name="Path">Absolute path of the table's root folder.</param>
/// <param name="Urn">The dataset URN its manifest registers.</param>
/// <param name="Tier">TIER_1, TIER_2 or TIER_3.</param>
/// <param name="Partitions">The <c>dt</c> values, oldest first.</param>
/// <param name="TotalRows">Rows in the table's current state (all partitions).</param>
/// <param name="FileCount">Data files in the current state (for Delta: the active files).</param>
/// <param name="ManifestPath">Absolute path of the table's <c>dataset.yaml</c>.</param>
public sealed record ExampleLakeTable(
    string Name,
    ExampleTableFormat Format,
    string Path,
    string Urn,
    string Tier,
    IReadOnlyList<string> Partitions,
    long TotalRows,
    int FileCount,
    string ManifestPath);

/// <summary>What <see cref="ExampleLakeGenerator.GenerateAsync"/> wrote.</summary>
/// <param name="Directory">Absolute path of the lake.</param>
/// <param name="Tables">The tables, in the order they were written.</param>
/// <param name="ManifestPaths">Absolute paths of the <c>dataset.yaml</c> files.</param>
public sealed record ExampleLakeResult(
    string Directory,
    IReadOnlyList<ExampleLakeTable> Tables,
    IReadOnlyList<string> ManifestPaths);

/// <summary>Reported after each partition (or partition rewrite) is written.</summary>
/// <param name="Table">Table name.</param>
/// <param name="Partition">The <c>dt</c> value just written.</param>
/// <param name="StepsDone">Partition writes finished so far, over all tables.</param>
/// <param name="StepsTotal">Partition writes in the whole run.</param>
/// <param name="RowsWritten">Rows written so far, over all tables.</param>
public sealed record ExampleLakeProgress(string Table, string Partition, int StepsDone, int StepsTotal, long RowsWritten);
