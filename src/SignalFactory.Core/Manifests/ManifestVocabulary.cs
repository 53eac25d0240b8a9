namespace SignalFactory.Core.Manifests;

/// <summary>Values of <c>tier</c>.</summary>
public static class Tiers
{
    public const string Tier1 = "TIER_1";
    public const string Tier2 = "TIER_2";
    public const string Tier3 = "TIER_3";

    /// <summary>All valid tiers, most critical first.</summary>
    public static IReadOnlyList<string> All { get; } = [Tier1, Tier2, Tier3];
}

/// <summary>Values of <c>runtime</c>.</summary>
public static class Runtimes
{
    public const string Spark = "spark";
    public const string Python = "python";
    public const string Dask = "dask";
    public const string Dbt = "dbt";

    /// <summary>All valid runtimes.</summary>
    public static IReadOnlyList<string> All { get; } = [Spark, Python, Dask, Dbt];
}

/// <summary>Values of <c>storage.format</c>.</summary>
public static class StorageFormats
{
    public const string Delta = "delta";
    public const string Parquet = "parquet";

    /// <summary>Formats supported in this phase.</summary>
    public static IReadOnlyList<string> Supported { get; } = [Delta, Parquet];

    /// <summary>Formats the design names but this phase does not support yet.</summary>
    public static IReadOnlyList<string> Planned { get; } = ["iceberg", "csv"];
}

/// <summary>Values of <c>enforcement_model</c>.</summary>
public static class EnforcementModels
{
    public const string InlineSdk = "inline_sdk";
    public const string PostWrite = "post_write";

    /// <summary>All valid enforcement models.</summary>
    public static IReadOnlyList<string> All { get; } = [InlineSdk, PostWrite];
}

/// <summary>Values of <c>orchestration.platform</c>.</summary>
public static class OrchestrationPlatforms
{
    public const string Airflow = "airflow";
    public const string StepFunctions = "step_functions";
    public const string Dagster = "dagster";

    /// <summary>All valid platforms.</summary>
    public static IReadOnlyList<string> All { get; } = [Airflow, StepFunctions, Dagster];
}
