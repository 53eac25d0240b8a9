namespace SignalFactory.Profiling.Refinement;

/// <summary>
/// A write named a row version that is no longer current: another writer changed the baseline first. Nothing of the
/// failed write was kept; read again and retry (<see cref="BaselineAutoRefiner"/> does so by itself).
/// </summary>
public sealed class BaselineConcurrencyException : Exception
{
    public BaselineConcurrencyException(string datasetUrn, string metricKey, long? expectedVersion, long? actualVersion)
        : base($"The {metricKey} baseline of {datasetUrn} changed while it was being updated "
            + $"(expected version {Describe(expectedVersion)}, found {Describe(actualVersion)}).")
    {
        DatasetUrn = datasetUrn;
        MetricKey = metricKey;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>The dataset.</summary>
    public string DatasetUrn { get; }

    /// <summary>The row whose version did not match (or <c>run_history</c>).</summary>
    public string MetricKey { get; }

    /// <summary>The version the writer read; null for an insert.</summary>
    public long? ExpectedVersion { get; }

    /// <summary>The version found; null when the row does not exist.</summary>
    public long? ActualVersion { get; }

    private static string Describe(long? version) => version is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";
}

/// <summary>The store holds no baseline for the dataset (seed one with <see cref="IBaselineStore.SaveFromBaselineAsync"/>).</summary>
public sealed class BaselineNotFoundException(string datasetUrn)
    : Exception($"No baseline is stored for {datasetUrn}; profile the dataset or seed a synthetic baseline first.")
{
    /// <summary>The dataset.</summary>
    public string DatasetUrn { get; } = datasetUrn;
}

/// <summary>A stored baseline value could not be read (hand-edited or damaged state). The message names the row, never a value.</summary>
public sealed class BaselineStoreFormatException : Exception
{
    public BaselineStoreFormatException(string message)
        : base(message)
    {
    }

    public BaselineStoreFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
