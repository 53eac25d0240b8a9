namespace SignalFactory.Cli.Tests.Profile;

/// <summary>Manifests that point at real tables, and the shared test data (../shared/testdata from the repository root).</summary>
internal static class ProfileManifests
{
    private static readonly Lazy<string> TestDataRoot = new(FindTestData);

    public static string DeltaTable(string name) => Path.Combine(TestDataRoot.Value, "delta", name);

    public static string Delta(string urn, string gold, string partitionKey = "dt") => $"""
        urn: "{urn}"
        owner_team: "data-platform"
        tier: TIER_2
        runtime: spark
        storage:
          format: delta
          gold: "{gold}"
          partition_key: "{partitionKey}"
        slo:
          freshness:
            expected_update_by: "02:00 ET daily"
            grace_period: "30m"
            max_staleness_hours: 24
          volume:
            min_rows_per_partition: 1
            anomaly_threshold_pct: 40
        enforcement_model: post_write
        """;

    public static string Parquet(string urn, string location) => $"""
        urn: "{urn}"
        owner_team: "growth"
        tier: TIER_3
        runtime: python
        storage:
          format: parquet
          silver: "{location}"
          partition_key: "dt"
        slo:
          volume:
            min_rows_per_partition: 1
            anomaly_threshold_pct: 50
        """;

    private static string FindTestData()
    {
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "SignalFactory.slnx")))
        {
            repo = repo.Parent;
        }

        // ../shared/testdata from the repository root; a git worktree sits deeper, so keep looking upwards.
        for (var dir = repo?.Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testdata");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("../shared/testdata not found above the repository root");
    }
}
