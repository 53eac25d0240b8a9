using System.Security.Cryptography;
using System.Text;
using SignalFactory.Core.Manifests;

namespace SignalFactory.Core.Tests.Manifests;

public sealed class ManifestYamlTests
{
    /// <summary>The HLD §4.4 example written by hand in canonical form: comments and blank lines gone, same quoting.</summary>
    private const string HldCanonical =
        "urn: \"ds://curated/orders_enriched\"\n" +
        "owner_team: \"data-platform\"\n" +
        "tier: TIER_1\n" +
        "runtime: spark\n" +
        "storage:\n" +
        "  format: delta\n" +
        "  bronze: \"s3://lake/bronze/orders/\"\n" +
        "  silver: \"s3://lake/silver/orders/\"\n" +
        "  gold: \"s3://lake/gold/orders/\"\n" +
        "  staging: \"s3://lake/gold/_staging/orders/\"\n" +
        "  quarantine: \"s3://lake/quarantine/orders/\"\n" +
        "  partition_key: \"dt\"\n" +
        "orchestration:\n" +
        "  platform: airflow\n" +
        "  dag_id: \"orders_daily_pipeline\"\n" +
        "  task_id: \"transform_orders\"\n" +
        "  schedule: \"0 2 * * *\"\n" +
        "slo:\n" +
        "  freshness:\n" +
        "    expected_update_by: \"02:00 ET daily\"\n" +
        "    grace_period: \"30m\"\n" +
        "    max_staleness_hours: 24\n" +
        "  volume:\n" +
        "    min_rows_per_partition: 100000\n" +
        "    anomaly_threshold_pct: 40\n" +
        "enforcement_model: inline_sdk\n" +
        "openlineage:\n" +
        "  enabled: true\n" +
        "  namespace: \"airflow://prod\"\n" +
        "  job_name: \"orders_daily_pipeline.transform_orders\"\n" +
        "metadata:\n" +
        "  created_at: \"2026-02-15T10:00:00Z\"\n" +
        "  created_by: \"autopilot\"\n" +
        "  bootstrap_id: \"boot-2026-02-15-001\"\n";

    /// <summary>The same content as the HLD example: keys shuffled, other comments, other quoting, flow style.</summary>
    private const string HldReordered =
        "# reordered copy\n" +
        "metadata: {bootstrap_id: boot-2026-02-15-001, created_by: 'autopilot', created_at: 2026-02-15T10:00:00Z}\n" +
        "slo:\n" +
        "    volume:\n" +
        "        anomaly_threshold_pct: 40.0   # same number\n" +
        "        min_rows_per_partition: 100000\n" +
        "    freshness:\n" +
        "        max_staleness_hours: 24\n" +
        "        grace_period: 30m\n" +
        "        expected_update_by: '02:00 ET daily'\n" +
        "openlineage:\n" +
        "  job_name: orders_daily_pipeline.transform_orders\n" +
        "  namespace: airflow://prod\n" +
        "  enabled: True\n" +
        "enforcement_model: \"inline_sdk\"\n" +
        "orchestration: {schedule: \"0 2 * * *\", task_id: transform_orders, dag_id: orders_daily_pipeline, platform: airflow}\n" +
        "storage:\n" +
        "  partition_key: dt\n" +
        "  quarantine: s3://lake/quarantine/orders/\n" +
        "  staging: s3://lake/gold/_staging/orders/\n" +
        "  gold: s3://lake/gold/orders/\n" +
        "  silver: s3://lake/silver/orders/\n" +
        "  bronze: s3://lake/bronze/orders/\n" +
        "  format: 'delta'\n" +
        "runtime: spark\n" +
        "tier: \"TIER_1\"\n" +
        "owner_team: data-platform\n" +
        "urn: ds://curated/orders_enriched\n";

    [Fact]
    public void ToCanonicalYaml_HldExample_MatchesHandWrittenCanonicalForm()
    {
        var manifest = Parse(HldExample.Text);

        Assert.Equal(HldCanonical, ManifestYaml.ToCanonicalYaml(manifest));
    }

    [Fact]
    public void ToCanonicalYaml_ReorderedKeysCommentsAndQuoting_SameBytesAndHash()
    {
        var original = Parse(HldExample.Text);
        var reordered = Parse(HldReordered);

        Assert.Equal(original, reordered);
        Assert.Equal(ManifestYaml.ToCanonicalBytes(original), ManifestYaml.ToCanonicalBytes(reordered));
        Assert.Equal(ManifestYaml.ContentHash(original), ManifestYaml.ContentHash(reordered));
    }

    [Fact]
    public void ContentHash_CrLfLineEndsAndByteOrderMark_SameHash()
    {
        var windows = "\uFEFF" + HldExample.Text.ReplaceLineEndings("\r\n");

        Assert.Equal(ManifestYaml.ContentHash(Parse(HldExample.Text)), ManifestYaml.ContentHash(Parse(windows)));
    }

    [Fact]
    public void ContentHash_IsSha256OfCanonicalUtf8Bytes()
    {
        var expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(HldCanonical)));

        Assert.Equal(expected, ManifestYaml.ContentHash(Parse(HldExample.Text)));
    }

    [Fact]
    public void ContentHash_DifferentContent_DifferentHash()
    {
        var manifest = Parse(HldExample.Text);

        Assert.NotEqual(ManifestYaml.ContentHash(manifest), ManifestYaml.ContentHash(manifest with { Tier = Tiers.Tier2 }));
    }

    [Fact]
    public void ToCanonicalBytes_NoBomAndLfOnly()
    {
        var bytes = ManifestYaml.ToCanonicalBytes(Parse(HldExample.Text));

        Assert.Equal((byte)'u', bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
    }

    [Fact]
    public void RoundTrip_HldExample_ParsesBackEqual()
    {
        var manifest = Parse(HldExample.Text);

        Assert.Equal(manifest, Parse(ManifestYaml.ToCanonicalYaml(manifest)));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("")]
    [InlineData("  leading and trailing  ")]
    [InlineData("quote \" and backslash \\ and 'single'")]
    [InlineData("line one\nline two\r\nline three")]
    [InlineData("tab\there")]
    [InlineData("# not a comment")]
    [InlineData("key: value")]
    [InlineData("- not a list")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("123")]
    [InlineData("0x1F")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("{not: a map}")]
    [InlineData("[not, a, list]")]
    [InlineData("café — ünïcode ✓ 😀")]
    [InlineData("bell\u0007 nul\0 del\u007F nel\u0085 nbsp\u00A0 ls\u2028 ps\u2029 bom\uFEFF")]
    public void RoundTrip_AwkwardStrings_PreservedInTextAndSymbolFields(string value)
    {
        var manifest = new DatasetManifest
        {
            Urn = value,
            Tier = value,
            Storage = new StorageSpec { Format = value, Gold = value },
            Metadata = new MetadataSpec { CreatedBy = value },
        };

        var yaml = ManifestYaml.ToCanonicalYaml(manifest);
        var parsed = ManifestParser.Parse(yaml, "canonical.yaml");

        Assert.Empty(parsed.Diagnostics.Errors);
        Assert.Equal(manifest, parsed.Manifest);
    }

    [Theory]
    [InlineData("TIER_1", "tier: TIER_1\n")]
    [InlineData("yes", "tier: \"yes\"\n")]
    [InlineData("Off", "tier: \"Off\"\n")]
    [InlineData("TIER 1", "tier: \"TIER 1\"\n")]
    [InlineData("1", "tier: \"1\"\n")]
    public void ToCanonicalYaml_Symbols_PlainOnlyWhenUnambiguous(string tier, string expected)
    {
        Assert.Equal(expected, ManifestYaml.ToCanonicalYaml(new DatasetManifest { Tier = tier }));
    }

    [Theory]
    [InlineData(40.0, "40")]
    [InlineData(12.5, "12.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-7, "1.0E-07")]
    [InlineData(2.5e20, "2.5E+20")]
    [InlineData(-0.0, "0")]
    [InlineData(double.NaN, ".nan")]
    [InlineData(double.PositiveInfinity, ".inf")]
    public void ToCanonicalYaml_Doubles_ShortestRoundTripForm(double pct, string expectedText)
    {
        var manifest = new DatasetManifest { Slo = new SloSpec { Volume = new VolumeSpec { AnomalyThresholdPct = pct } } };

        var yaml = ManifestYaml.ToCanonicalYaml(manifest);

        Assert.Equal($"slo:\n  volume:\n    anomaly_threshold_pct: {expectedText}\n", yaml);
        Assert.Equal(manifest, Parse(yaml));
    }

    [Fact]
    public void ToCanonicalYaml_EmptySections_WrittenAsEmptyMappingsAndRoundTrip()
    {
        var manifest = new DatasetManifest { Storage = new StorageSpec(), Slo = new SloSpec { Volume = new VolumeSpec() } };

        var yaml = ManifestYaml.ToCanonicalYaml(manifest);

        Assert.Equal("storage: {}\nslo:\n  volume: {}\n", yaml);
        Assert.Equal(manifest, Parse(yaml));
    }

    [Fact]
    public void ToCanonicalYaml_EmptyManifest_IsEmptyMapping()
    {
        Assert.Equal("{}\n", ManifestYaml.ToCanonicalYaml(new DatasetManifest()));
        Assert.Equal(new DatasetManifest(), Parse("{}\n"));
    }

    [Fact]
    public void ToCanonicalYaml_OverrideProfilingDays_WrittenLast()
    {
        var manifest = Parse(HldExample.Text) with { OverrideProfilingDays = 14 };

        var yaml = ManifestYaml.ToCanonicalYaml(manifest);

        Assert.EndsWith("  bootstrap_id: \"boot-2026-02-15-001\"\noverride_profiling_days: 14\n", yaml, StringComparison.Ordinal);
        Assert.Equal(manifest, Parse(yaml));
    }

    [Fact]
    public void ToCanonicalYaml_UnknownKeysInSource_NotWrittenSoHashIgnoresThem()
    {
        var withExtra = Parse(HldExample.Text + "\nnotes: \"ignored\"\n");

        Assert.Equal(ManifestYaml.ContentHash(Parse(HldExample.Text)), ManifestYaml.ContentHash(withExtra));
    }

    private static DatasetManifest Parse(string yaml)
    {
        var result = ManifestParser.Parse(yaml, "test.yaml");
        Assert.Empty(result.Diagnostics.Errors);
        return result.Manifest!;
    }
}
