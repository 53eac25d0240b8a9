namespace SignalFactory.Orchestration.Settings;

/// <summary>
/// A retry rule in the shape of a Step Functions retrier: at most <paramref name="MaxRetries"/> retries after the
/// first attempt, the n-th (1-based) waiting <c>Interval × BackoffRate^(n−1)</c>.
/// </summary>
/// <param name="MaxRetries">Retries after the first attempt (the seed's <c>MaxAttempts</c>, which counts retries).</param>
/// <param name="Interval">Wait before the first retry (Step Functions' default <c>IntervalSeconds</c> is 1).</param>
/// <param name="BackoffRate">Multiplier per further retry (≥ 1).</param>
public sealed record RetryPolicy(int MaxRetries, TimeSpan Interval, double BackoffRate)
{
    /// <summary>Wait before retry <paramref name="retryNumber"/> (1 for the first retry).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryNumber"/> is below 1.</exception>
    public TimeSpan DelayBeforeRetry(int retryNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryNumber, 1);
        return TimeSpan.FromTicks(checked((long)(Interval.Ticks * Math.Pow(BackoffRate, retryNumber - 1))));
    }

    /// <summary>Whether a step that has retried <paramref name="retriesSoFar"/> times may retry again.</summary>
    public bool CanRetry(int retriesSoFar) => retriesSoFar < MaxRetries;

    internal IEnumerable<string> Problems(string name)
    {
        if (MaxRetries < 0)
        {
            yield return $"{name}.max_retries: {MaxRetries} must be 0 or more";
        }

        if (Interval <= TimeSpan.Zero)
        {
            yield return $"{name}.interval: must be positive";
        }

        if (!(BackoffRate >= 1.0) || double.IsInfinity(BackoffRate))
        {
            yield return $"{name}.backoff_rate: {BackoffRate} must be a finite number of at least 1";
        }
    }
}
