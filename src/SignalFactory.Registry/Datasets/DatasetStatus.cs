namespace SignalFactory.Registry;

/// <summary>The registry statuses of a dataset (LLD §3.3).</summary>
public static class DatasetStatus
{
    /// <summary>Registered, bootstrap not started (the status of every new dataset).</summary>
    public const string Registered = "REGISTERED";

    /// <summary>A bootstrap is running (see the dataset's bootstrap id).</summary>
    public const string Bootstrapping = "BOOTSTRAPPING";

    /// <summary>Certified and emitting signals.</summary>
    public const string SignalReady = "SIGNAL_READY";

    /// <summary>Retired.</summary>
    public const string Decommissioned = "DECOMMISSIONED";

    /// <summary>Every status, in lifecycle order.</summary>
    public static IReadOnlyList<string> All { get; } = [Registered, Bootstrapping, SignalReady, Decommissioned];

    /// <summary>Whether <paramref name="status"/> is one of <see cref="All"/> (exact, case-sensitive).</summary>
    public static bool IsKnown(string? status) => status is not null && All.Contains(status, StringComparer.Ordinal);

    /// <summary>Throws <see cref="ArgumentException"/> naming the allowed values unless the status is known.</summary>
    public static void EnsureKnown(string? status)
    {
        if (!IsKnown(status))
        {
            throw new ArgumentException(
                $"Unknown dataset status '{status}'. Allowed: {string.Join(", ", All)}.");
        }
    }
}
