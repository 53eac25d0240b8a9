namespace SignalFactory.Examples.Lake;

/// <summary>
/// What <see cref="ExampleLakeGenerator"/> writes. Every value has a default, and the same options always give the
/// same data files and Delta log, byte for byte (no clock is read: the dates come from <see cref="EndDate"/>).
/// </summary>
public sealed record ExampleLakeOptions
{
    /// <summary>The newest partition date when none is given.</summary>
    public static DateOnly DefaultEndDate { get; } = new(2026, 11, 1);

    /// <summary>Number of daily <c>dt</c> partitions per table (1 to 3,660).</summary>
    public int Days { get; init; } = 10;

    /// <summary>Rows in each daily partition of <c>orders_enriched</c> and <c>customer_events</c>;
    /// <c>web_sessions</c> gets a tenth of it (at least one).</summary>
    public int RowsPerPartition { get; init; } = 10_000;

    /// <summary>Seed of the pseudo-random values; the same seed gives identical data.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The date of the newest partition; the partitions are the <see cref="Days"/> days ending on it.</summary>
    public DateOnly EndDate { get; init; } = DefaultEndDate;

    /// <summary>
    /// Replace the target directory when it already holds an example lake written by this generator.
    /// A non-empty directory without the generator's marker file is never deleted.
    /// </summary>
    public bool Overwrite { get; init; }

    /// <summary>Largest number of rows in one Parquet file; a bigger partition is split into several files.</summary>
    public int MaxRowsPerFile { get; init; } = 1_000_000;
}
