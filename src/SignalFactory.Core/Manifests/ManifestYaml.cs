using System.Security.Cryptography;
using System.Text;
using SignalFactory.Core.Yaml;

namespace SignalFactory.Core.Manifests;

/// <summary>
/// Canonical <c>dataset.yaml</c> text: keys in the fixed HLD §4.4 order, nulls omitted, free text double-quoted,
/// enumerated values plain, UTF-8 without BOM, LF line ends. Two manifests with the same content give the same
/// bytes whatever their original key order, comments or quoting, and
/// <c>ManifestParser.Parse(ToCanonicalYaml(m)).Manifest == m</c>.
/// </summary>
public static class ManifestYaml
{
    private static readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The canonical YAML text of a manifest.</summary>
    public static string ToCanonicalYaml(DatasetManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var w = new CanonicalYamlWriter();
        w.Text("urn", manifest.Urn);
        w.Text("owner_team", manifest.OwnerTeam);
        w.Symbol("tier", manifest.Tier);
        w.Symbol("runtime", manifest.Runtime);
        w.Section("storage", manifest.Storage, static (w, s) =>
        {
            w.Symbol("format", s.Format);
            w.Text("bronze", s.Bronze);
            w.Text("silver", s.Silver);
            w.Text("gold", s.Gold);
            w.Text("staging", s.Staging);
            w.Text("quarantine", s.Quarantine);
            w.Text("partition_key", s.PartitionKey);
        });
        w.Section("orchestration", manifest.Orchestration, static (w, o) =>
        {
            w.Symbol("platform", o.Platform);
            w.Text("dag_id", o.DagId);
            w.Text("task_id", o.TaskId);
            w.Text("schedule", o.Schedule);
        });
        w.Section("slo", manifest.Slo, static (w, slo) =>
        {
            w.Section("freshness", slo.Freshness, static (w, f) =>
            {
                w.Text("expected_update_by", f.ExpectedUpdateBy);
                w.Text("grace_period", f.GracePeriod);
                w.Integer("max_staleness_hours", f.MaxStalenessHours);
            });
            w.Section("volume", slo.Volume, static (w, v) =>
            {
                w.Integer("min_rows_per_partition", v.MinRowsPerPartition);
                w.Number("anomaly_threshold_pct", v.AnomalyThresholdPct);
            });
        });
        w.Symbol("enforcement_model", manifest.EnforcementModel);
        w.Section("openlineage", manifest.OpenLineage, static (w, l) =>
        {
            w.Boolean("enabled", l.Enabled);
            w.Text("namespace", l.Namespace);
            w.Text("job_name", l.JobName);
        });
        w.Section("metadata", manifest.Metadata, static (w, m) =>
        {
            w.Text("created_at", m.CreatedAt);
            w.Text("created_by", m.CreatedBy);
            w.Text("bootstrap_id", m.BootstrapId);
        });
        w.Integer("override_profiling_days", manifest.OverrideProfilingDays);
        w.Boolean("skip_profiling", manifest.SkipProfiling);
        return w.ToString();
    }

    /// <summary>The canonical text as UTF-8 bytes (no BOM).</summary>
    public static byte[] ToCanonicalBytes(DatasetManifest manifest) => _utf8.GetBytes(ToCanonicalYaml(manifest));

    /// <summary><c>sha256:</c> followed by the lowercase hex SHA-256 of the canonical bytes.</summary>
    public static string ContentHash(DatasetManifest manifest) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(ToCanonicalBytes(manifest)));
}
