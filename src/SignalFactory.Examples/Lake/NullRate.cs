namespace SignalFactory.Examples.Lake;

/// <summary>
/// An exact, row-index-based null rule: within each partition, row <c>i</c> (0-based) of the column is null
/// exactly when <c>(i * <see cref="ScrambleMultiplier"/>) % CycleLength &lt; NullsPerCycle</c>.
/// Every complete run of <see cref="CycleLength"/> rows therefore holds exactly <see cref="NullsPerCycle"/> nulls,
/// scattered rather than bunched (the multiplier is a prime that shares no factor with the cycle lengths used).
/// </summary>
/// <param name="NullsPerCycle">Null rows in each cycle.</param>
/// <param name="CycleLength">Rows in a cycle.</param>
public sealed record NullRate(int NullsPerCycle, int CycleLength)
{
    /// <summary>The prime that scatters the null rows inside a cycle.</summary>
    public const int ScrambleMultiplier = 7919;

    /// <summary>A column that is never null.</summary>
    public static NullRate Never { get; } = new(0, 1);

    /// <summary>The null fraction, e.g. 0.1 for one row in ten.</summary>
    public double Fraction => (double)NullsPerCycle / CycleLength;

    /// <summary>Whether row <paramref name="rowIndex"/> of a partition is null.</summary>
    public bool IsNull(long rowIndex) => rowIndex * ScrambleMultiplier % CycleLength < NullsPerCycle;

    /// <summary>The exact number of nulls in a partition of <paramref name="rows"/> rows.</summary>
    public long ExpectedNulls(long rows)
    {
        var nulls = rows / CycleLength * NullsPerCycle;
        for (var i = rows / CycleLength * CycleLength; i < rows; i++)
        {
            if (IsNull(i))
            {
                nulls++;
            }
        }

        return nulls;
    }
}
