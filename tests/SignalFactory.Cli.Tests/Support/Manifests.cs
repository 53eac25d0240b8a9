namespace SignalFactory.Cli.Tests.Support;

/// <summary>Manifest texts for CLI tests, written the way a user would.</summary>
internal static class Manifests
{
    public static string Delta(string urn, string tier = "TIER_1", string owner = "data-platform", int minRows = 100000) => $"""
        urn: "{urn}"
        owner_team: "{owner}"
        tier: {tier}
        runtime: spark
        storage:
          format: delta
          gold: "s3://lake/gold/{urn.Split('/')[^1]}/"
          partition_key: "dt"
        orchestration:
          platform: airflow
          dag_id: "daily"
          task_id: "load"
          schedule: "0 2 * * *"
        slo:
          freshness:
            expected_update_by: "02:00 ET daily"
            grace_period: "30m"
            max_staleness_hours: 24
          volume:
            min_rows_per_partition: {minRows}
            anomaly_threshold_pct: 40
        enforcement_model: post_write
        """;

    public static string Parquet(string urn, string tier = "TIER_3", string owner = "growth") => $"""
        urn: "{urn}"
        owner_team: "{owner}"
        tier: {tier}
        runtime: python
        storage:
          format: parquet
          silver: "/data/lake/silver/{urn.Split('/')[^1]}"
          partition_key: "dt"
        slo:
          volume:
            min_rows_per_partition: 10
            anomaly_threshold_pct: 50
        """;
}
