namespace SignalFactory.Policy.Generation;

/// <summary>
/// Reads the distinct values of a string column from the data the baseline was profiled from. The baseline holds
/// no string values (they may be PII), so an accepted-values rule needs this second, read-only look at the data.
/// The generator asks only for columns that the PII scan examined and found clean, that are not the partition key,
/// and whose approximate distinct count is small (see <see cref="PolicyGenerator.AcceptedValueCandidates"/>); it
/// then checks every value again with the profiler's PII detector before putting any into a bundle.
/// </summary>
public interface IAcceptedValuesSource
{
    /// <summary>
    /// The non-null distinct values of <paramref name="column"/> with their row counts, sorted by value (ordinal);
    /// null when the column has more than <paramref name="maxDistinct"/> of them or cannot be read.
    /// </summary>
    Task<ColumnValueCounts?> ReadAsync(string column, int maxDistinct, CancellationToken cancellationToken);
}

/// <summary>The distinct values of one column and how many rows hold each.</summary>
/// <param name="Values">Value → rows, in ordinal value order.</param>
public sealed record ColumnValueCounts(IReadOnlyList<KeyValuePair<string, long>> Values)
{
    /// <summary>Rows with a non-null value.</summary>
    public long Rows => Values.Sum(v => v.Value);
}
