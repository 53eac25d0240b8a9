using SignalFactory.Core.Manifests;

namespace SignalFactory.Core.Tests.Manifests;

public sealed class ManifestLoaderTests
{
    private const string Source = "orders.yaml";

    [Fact]
    public void Load_HldExample_IsValidWithoutWarnings()
    {
        var result = ManifestLoader.Load(HldExample.Text, Source);

        Assert.Empty(result.Report.Errors);
        Assert.Empty(result.Report.Warnings);
        Assert.True(result.IsValid);
        Assert.NotNull(result.Manifest);
    }

    [Fact]
    public void Load_HldExample_ReadsEveryField()
    {
        var m = ManifestLoader.Load(HldExample.Text, Source).Manifest!;

        Assert.Equal("ds://curated/orders_enriched", m.Urn);
        Assert.Equal("data-platform", m.OwnerTeam);
        Assert.Equal("TIER_1", m.Tier);
        Assert.Equal("spark", m.Runtime);
        Assert.Equal(
            new StorageSpec
            {
                Format = "delta",
                Bronze = "s3://lake/bronze/orders/",
                Silver = "s3://lake/silver/orders/",
                Gold = "s3://lake/gold/orders/",
                Staging = "s3://lake/gold/_staging/orders/",
                Quarantine = "s3://lake/quarantine/orders/",
                PartitionKey = "dt",
            },
            m.Storage);
        Assert.Equal(
            new OrchestrationSpec { Platform = "airflow", DagId = "orders_daily_pipeline", TaskId = "transform_orders", Schedule = "0 2 * * *" },
            m.Orchestration);
        Assert.Equal(new FreshnessSpec { ExpectedUpdateBy = "02:00 ET daily", GracePeriod = "30m", MaxStalenessHours = 24 }, m.Slo!.Freshness);
        Assert.Equal(new VolumeSpec { MinRowsPerPartition = 100000, AnomalyThresholdPct = 40 }, m.Slo.Volume);
        Assert.Equal("inline_sdk", m.EnforcementModel);
        Assert.Equal(
            new OpenLineageSpec { Enabled = true, Namespace = "airflow://prod", JobName = "orders_daily_pipeline.transform_orders" },
            m.OpenLineage);
        Assert.Equal(
            new MetadataSpec { CreatedAt = "2026-02-15T10:00:00Z", CreatedBy = "autopilot", BootstrapId = "boot-2026-02-15-001" },
            m.Metadata);
        Assert.Null(m.OverrideProfilingDays);
    }

    [Fact]
    public void Load_BadUrn_ErrorNamesUrnAtValuePosition()
    {
        var yaml = HldExample.WithLine(2,
            "urn: \"ds://curated/orders_enriched\"      # Canonical universal resource name",
            "urn: \"ds://Curated/orders-enriched\"");

        var error = SingleError(yaml);

        Assert.Equal("urn", error.Path);
        Assert.Equal((2, 6), (error.Line, error.Column));
        Assert.Contains("invalid URN 'ds://Curated/orders-enriched'", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("orders.yaml:2:6: error: urn: invalid URN", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadTier_ToStringIsCompilerStyle()
    {
        var yaml = HldExample.WithLine(4, "tier: TIER_1                             # TIER_1 | TIER_2 | TIER_3", "tier: TIER_9");

        var error = SingleError(yaml);

        Assert.Equal("orders.yaml:4:7: error: tier: invalid tier 'TIER_9'; expected TIER_1, TIER_2 or TIER_3", error.ToString());
    }

    [Fact]
    public void Load_UnknownFormat_ErrorNamesStorageFormat()
    {
        var yaml = HldExample.WithLine(8, "  format: delta                          # delta | iceberg | parquet | csv", "  format: orc");

        var error = SingleError(yaml);

        Assert.Equal("storage.format", error.Path);
        Assert.Equal((8, 11), (error.Line, error.Column));
        Assert.Contains("unknown storage format 'orc'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iceberg")]
    [InlineData("csv")]
    public void Load_PlannedFormat_SaysNotSupportedInThisPhase(string format)
    {
        var yaml = HldExample.WithLine(8, "  format: delta                          # delta | iceberg | parquet | csv", "  format: " + format);

        var error = SingleError(yaml);

        Assert.Equal("storage.format", error.Path);
        Assert.Contains("not supported in this phase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DbtWithInlineSdk_ErrorNamesEnforcementModel()
    {
        var yaml = HldExample.WithLine(5, "runtime: spark                           # spark | python | dask | dbt", "runtime: dbt");

        var error = SingleError(yaml);

        Assert.Equal("enforcement_model", error.Path);
        Assert.Equal((31, 20), (error.Line, error.Column));
        Assert.Contains("incompatible", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DeltaWithoutGold_ErrorNamesStorageGoldAtStorageKey()
    {
        var yaml = HldExample.WithoutLine(11, "  gold: \"s3://lake/gold/orders/\"");

        var error = SingleError(yaml);

        Assert.Equal("storage.gold", error.Path);
        Assert.Equal((7, 1), (error.Line, error.Column));
        Assert.Contains("delta format requires storage.gold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DeltaWithNullGold_ErrorAtGoldKey()
    {
        var yaml = HldExample.WithLine(11, "  gold: \"s3://lake/gold/orders/\"", "  gold: ~");

        var error = SingleError(yaml);

        Assert.Equal("storage.gold", error.Path);
        Assert.Equal((11, 3), (error.Line, error.Column));
    }

    [Fact]
    public void Load_BadCron_ErrorNamesScheduleAndCronField()
    {
        var yaml = HldExample.WithLine(20, "  schedule: \"0 2 * * *\"                  # Cron expression", "  schedule: \"61 2 * * *\"");

        var error = SingleError(yaml);

        Assert.Equal("orchestration.schedule", error.Path);
        Assert.Equal((20, 13), (error.Line, error.Column));
        Assert.Contains("minute field '61'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadGracePeriod_ErrorNamesGracePeriod()
    {
        var yaml = HldExample.WithLine(25, "    grace_period: \"30m\"", "    grace_period: \"30 minutes\"");

        var error = SingleError(yaml);

        Assert.Equal("slo.freshness.grace_period", error.Path);
        Assert.Equal((25, 19), (error.Line, error.Column));
        Assert.Contains("'30 minutes' is not a duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RelativeGoldPath_ErrorNamesStorageGold()
    {
        var yaml = HldExample.WithLine(11, "  gold: \"s3://lake/gold/orders/\"", "  gold: \"lake/gold/orders/\"");

        var error = SingleError(yaml);

        Assert.Equal("storage.gold", error.Path);
        Assert.Equal((11, 9), (error.Line, error.Column));
        Assert.Contains("relative path 'lake/gold/orders/' is not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StringWhereIntegerExpected_ErrorNamesFieldAndPosition()
    {
        var yaml = HldExample.WithLine(28, "    min_rows_per_partition: 100000", "    min_rows_per_partition: lots");

        var error = SingleError(yaml);

        Assert.Equal("slo.volume.min_rows_per_partition", error.Path);
        Assert.Equal((28, 29), (error.Line, error.Column));
        Assert.Equal("expected an integer, got 'lots'", error.Message);
    }

    [Fact]
    public void Load_ListWhereIntegerExpected_ErrorNamesFieldAndPosition()
    {
        var yaml = HldExample.WithLine(26, "    max_staleness_hours: 24              # Tier-dependent default", "    max_staleness_hours: [24]");

        var error = SingleError(yaml);

        Assert.Equal("slo.freshness.max_staleness_hours", error.Path);
        Assert.Equal((26, 26), (error.Line, error.Column));
        Assert.Equal("expected an integer, got a list", error.Message);
    }

    [Fact]
    public void Load_ListWhereSectionExpected_ReportsTypeErrorOnlyNotMissing()
    {
        var yaml = HldExample.WithLine(22, "slo:", "slo: [1, 2]")
            .Replace("  freshness:\n    expected_update_by: \"02:00 ET daily\"\n    grace_period: \"30m\"\n    max_staleness_hours: 24              # Tier-dependent default\n  volume:\n    min_rows_per_partition: 100000\n    anomaly_threshold_pct: 40\n", string.Empty, StringComparison.Ordinal);

        var error = SingleError(yaml);

        Assert.Equal("slo", error.Path);
        Assert.Equal((22, 6), (error.Line, error.Column));
        Assert.Equal("expected a mapping, got a list", error.Message);
    }

    [Fact]
    public void Load_BadIndentation_SyntaxErrorAtOffendingLine()
    {
        var yaml = HldExample.WithLine(14, "  partition_key: \"dt\"", " partition_key: \"dt\"");

        var result = ManifestLoader.Load(yaml, Source);

        var error = Assert.Single(result.Report.Errors);
        Assert.Null(result.Manifest);
        Assert.Equal(string.Empty, error.Path);
        Assert.Equal((14, 2), (error.Line, error.Column));
        Assert.StartsWith("orders.yaml:14:2: error: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisspelledTopLevelKey_WarnsWithSuggestionAndRequiredFieldIsMissing()
    {
        var yaml = HldExample.WithLine(3, "owner_team: \"data-platform\"              # CODEOWNERS-derived or manual", "owner_tem: \"data-platform\"");

        var result = ManifestLoader.Load(yaml, Source);

        var warning = Assert.Single(result.Report.Warnings);
        Assert.Equal("owner_tem", warning.Path);
        Assert.Equal((3, 1), (warning.Line, warning.Column));
        Assert.Contains("did you mean 'owner_team'?", warning.Message, StringComparison.Ordinal);
        var error = Assert.Single(result.Report.Errors);
        Assert.Equal("owner_team", error.Path);
        Assert.Equal("missing required field", error.Message);
    }

    [Fact]
    public void Load_MisspelledNestedKey_WarningOnlyWithSuggestion()
    {
        var yaml = HldExample.WithLine(14, "  partition_key: \"dt\"", "  partiton_key: \"dt\"");

        var result = ManifestLoader.Load(yaml, Source);

        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Report.Warnings);
        Assert.Equal("storage.partiton_key", warning.Path);
        Assert.Equal((14, 3), (warning.Line, warning.Column));
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("did you mean 'partition_key'?", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ParquetWithoutPartitionKey_ValidWithWarning()
    {
        var yaml = HldExample.WithoutLine(14, "  partition_key: \"dt\"")
            .Replace("  format: delta ", "  format: parquet ", StringComparison.Ordinal);

        var result = ManifestLoader.Load(yaml, Source);

        Assert.True(result.IsValid);
        Assert.Empty(result.Report.Errors);
        Assert.NotNull(result.Manifest);
        var warning = Assert.Single(result.Report.Warnings);
        Assert.Equal("storage.partition_key", warning.Path);
        Assert.Equal((7, 1), (warning.Line, warning.Column));
        Assert.Contains("profiling may be slow", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateKey_ErrorAtSecondOccurrence()
    {
        var yaml = HldExample.WithLine(6, string.Empty, "tier: TIER_2");

        var error = SingleError(yaml);

        Assert.Equal("tier", error.Path);
        Assert.Equal((6, 1), (error.Line, error.Column));
        Assert.Equal("duplicate key 'tier' (first defined at line 4)", error.Message);
    }

    [Fact]
    public void Load_SeveralProblems_ErrorsInSourceOrderAndWarningsApart()
    {
        var yaml = HldExample.WithLine(4, "tier: TIER_1                             # TIER_1 | TIER_2 | TIER_3", "tier: gold")
            .Replace("  anomaly_threshold_pct: 40", "  anomaly_threshold_pct: 150", StringComparison.Ordinal)
            .Replace("  partition_key: \"dt\"", "  partition_key: \"dt\"\n  colour: blue", StringComparison.Ordinal);

        var result = ManifestLoader.Load(yaml, Source);

        Assert.Equal(["tier", "slo.volume.anomaly_threshold_pct"], result.Report.Errors.Select(e => e.Path));
        Assert.Equal(["storage.colour"], result.Report.Warnings.Select(w => w.Path));
        Assert.All(result.Report.Errors, e => Assert.Equal(DiagnosticSeverity.Error, e.Severity));
        Assert.Null(result.Manifest);
    }

    [Fact]
    public async Task LoadFileAsync_MissingFile_ReportsErrorNamingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "sf-core-tests-" + Guid.NewGuid().ToString("N"), "dataset.yaml");

        var result = await ManifestLoader.LoadFileAsync(path, CancellationToken.None);

        var error = Assert.Single(result.Report.Errors);
        Assert.Equal(path, error.SourceName);
        Assert.Contains("cannot read the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadFileAsync_HldExampleFile_IsValid()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Manifests", "TestData", "hld_example.yaml");

        var result = await ManifestLoader.LoadFileAsync(path, CancellationToken.None);

        Assert.True(result.IsValid);
    }

    private static ManifestDiagnostic SingleError(string yaml)
    {
        var result = ManifestLoader.Load(yaml, Source);
        Assert.Null(result.Manifest);
        Assert.False(result.IsValid);
        return Assert.Single(result.Report.Errors);
    }
}
