namespace SignalFactory.Profiling.Engine;

/// <summary>
/// Extrapolates a distinct count measured on a sample to the whole column. Model: the column draws its values
/// uniformly from D equally likely values, so a sample of n values shows <c>d = D·(1 − e^(−n/D))</c> distinct ones.
/// Solving for D and applying the model to the N values of the column gives <c>D·(1 − e^(−N/D))</c>. It is exact
/// at both ends (a key column, d = n, gives N; a low-cardinality column, d ≪ n, gives d) and good for values spread
/// evenly; for skewed columns (a few values very frequent) it underestimates, and values clustered by row group
/// (e.g. one date per file) are only seen when their row groups are sampled: the result is then a lower bound.
/// The input d is itself a HyperLogLog estimate (about 2 % error).
/// </summary>
internal static class DistinctEstimator
{
    public static long Estimate(long sampleDistinct, long sampleValues, long totalValues)
    {
        if (sampleValues <= 0 || sampleDistinct <= 0 || totalValues <= 0)
        {
            return Math.Max(0, Math.Min(sampleDistinct, totalValues));
        }

        if (sampleValues >= totalValues)
        {
            return Math.Min(sampleDistinct, totalValues);
        }

        double d = sampleDistinct, n = sampleValues, total = totalValues;
        if (d >= n * (1 - 1e-9))
        {
            return totalValues;
        }

        // Expected distinct values of a sample of n from D values; increasing in D, from 1 up to n.
        static double Seen(double domain, double draws) => domain * -double.ExpM1(-draws / domain);

        double low = d, high = d;
        while (Seen(high, n) < d && high < 1e18)
        {
            high *= 2;
        }

        for (var i = 0; i < 200 && high - low > 1e-6 * low; i++)
        {
            var mid = (low + high) / 2;
            if (Seen(mid, n) < d)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        var estimate = Seen((low + high) / 2, total);
        return (long)Math.Round(Math.Clamp(estimate, d, total));
    }
}
