using System.Globalization;
using System.Text;

namespace SignalFactory.Examples.Lake;

/// <summary>The facts one example <c>dataset.yaml</c> states (HLD §4.4).</summary>
internal sealed record ManifestSpec(
    string Table,
    string Urn,
    string OwnerTeam,
    string Tier,
    string Runtime,
    string Format,
    string Gold,
    string? Staging,
    string? Quarantine,
    string Platform,
    string DagId,
    string TaskId,
    string Schedule,
    string ExpectedUpdateBy,
    int MaxStalenessHours,
    long MinRowsPerPartition,
    string EnforcementModel);

/// <summary>
/// Writes the example manifests as plain YAML text in the seed's key order. Storage paths are absolute local paths;
/// every string is double-quoted with YAML escapes, so any path survives.
/// </summary>
internal static class ManifestWriter
{
    public static string Render(ManifestSpec spec, DateOnly endDate)
    {
        var createdAt = endDate.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T12:00:00Z";
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');

        Line("# dataset.yaml v1.0 — example manifest written by `sf examples lake` (generated demo data)");
        Line($"urn: {Quote(spec.Urn)}");
        Line($"owner_team: {Quote(spec.OwnerTeam)}");
        Line($"tier: {spec.Tier}");
        Line($"runtime: {spec.Runtime}");
        Line(string.Empty);
        Line("storage:");
        Line($"  format: {spec.Format}");
        Line($"  gold: {Quote(spec.Gold)}");
        if (spec.Staging is not null)
        {
            Line($"  staging: {Quote(spec.Staging)}");
        }

        if (spec.Quarantine is not null)
        {
            Line($"  quarantine: {Quote(spec.Quarantine)}");
        }

        Line($"  partition_key: {Quote(ExampleLakeSchema.PartitionColumn)}");
        Line(string.Empty);
        Line("orchestration:");
        Line($"  platform: {spec.Platform}");
        Line($"  dag_id: {Quote(spec.DagId)}");
        Line($"  task_id: {Quote(spec.TaskId)}");
        Line($"  schedule: {Quote(spec.Schedule)}");
        Line(string.Empty);
        Line("slo:");
        Line("  freshness:");
        Line($"    expected_update_by: {Quote(spec.ExpectedUpdateBy)}");
        Line("    grace_period: \"30m\"");
        Line(string.Create(CultureInfo.InvariantCulture, $"    max_staleness_hours: {spec.MaxStalenessHours}"));
        Line("  volume:");
        Line(string.Create(CultureInfo.InvariantCulture, $"    min_rows_per_partition: {spec.MinRowsPerPartition}"));
        Line("    anomaly_threshold_pct: 40");
        Line(string.Empty);
        Line($"enforcement_model: {spec.EnforcementModel}");
        Line("openlineage:");
        Line("  enabled: true");
        Line($"  namespace: {Quote(spec.Platform + "://examples")}");
        Line($"  job_name: {Quote(spec.DagId + "." + spec.TaskId)}");
        Line(string.Empty);
        Line("metadata:");
        Line($"  created_at: {Quote(createdAt)}");
        Line("  created_by: \"human:sf-examples\"");
        return text.ToString();
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': text.Append("\\\\"); break;
                case '"': text.Append("\\\""); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"); break;
                default: text.Append(c); break;
            }
        }

        return text.Append('"').ToString();
    }
}
