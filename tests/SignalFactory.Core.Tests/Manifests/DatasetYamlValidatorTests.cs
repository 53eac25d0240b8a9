using SignalFactory.Core.Manifests;

namespace SignalFactory.Core.Tests.Manifests;

public sealed class DatasetYamlValidatorTests
{
    /// <summary>A minimal valid manifest built in code (no source positions).</summary>
    private static readonly DatasetManifest _valid = new()
    {
        Urn = "ds://curated/orders",
        OwnerTeam = "data-platform",
        Tier = Tiers.Tier2,
        Runtime = Runtimes.Python,
        Storage = new StorageSpec { Format = StorageFormats.Delta, Gold = "/lake/gold/orders" },
        Slo = new SloSpec { Freshness = new FreshnessSpec { GracePeriod = "1h30m", MaxStalenessHours = 24 } },
        EnforcementModel = EnforcementModels.PostWrite,
    };

    [Fact]
    public void Validate_MinimalManifest_Valid()
    {
        var report = DatasetYamlValidator.Validate(_valid);

        Assert.True(report.IsValid);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Validate_EmptyManifest_ReportsEveryRequiredFieldWithoutPosition()
    {
        var report = DatasetYamlValidator.Validate(new DatasetManifest());

        Assert.Equal(["urn", "owner_team", "tier", "runtime", "storage", "slo"], report.Errors.Select(e => e.Path));
        Assert.All(report.Errors, e => Assert.Equal("missing required field", e.Message));
        Assert.All(report.Errors, e => Assert.Null(e.Line));
        Assert.Equal("error: urn: missing required field", report.Errors[0].ToString());
    }

    [Fact]
    public void Validate_StorageWithoutFormat_Error()
    {
        var report = DatasetYamlValidator.Validate(_valid with { Storage = new StorageSpec { Gold = "/g" } });

        var error = Assert.Single(report.Errors);
        Assert.Equal("storage.format", error.Path);
        Assert.Equal("missing required field", error.Message);
    }

    [Theory]
    [InlineData("ds://curated/orders_enriched", true)]
    [InlineData("ds://raw_zone/t2", true)]
    [InlineData("ds://curated/Orders", false)]
    [InlineData("ds://curated2/orders", false)]
    [InlineData("ds://curated/orders-enriched", false)]
    [InlineData("ds://curated/orders/extra", false)]
    [InlineData("s3://curated/orders", false)]
    [InlineData("ds://curated/", false)]
    [InlineData("ds://curated/orders\n", false)]
    public void Validate_Urn_FollowsLldPattern(string urn, bool valid)
    {
        var report = DatasetYamlValidator.Validate(_valid with { Urn = urn });

        Assert.Equal(valid, report.IsValid);
        if (!valid)
        {
            Assert.Equal("urn", Assert.Single(report.Errors).Path);
        }
    }

    [Theory]
    [InlineData("runtime", "java", "invalid runtime 'java'; expected spark, python, dask or dbt")]
    [InlineData("tier", "TIER_4", "invalid tier 'TIER_4'; expected TIER_1, TIER_2 or TIER_3")]
    [InlineData("tier", "tier_1", "invalid tier 'tier_1'; expected TIER_1, TIER_2 or TIER_3 (values are case-sensitive: write 'TIER_1')")]
    [InlineData("enforcement_model", "sidecar", "invalid enforcement_model 'sidecar'; expected inline_sdk or post_write")]
    [InlineData("owner_team", "  ", "must not be empty")]
    public void Validate_BadTopLevelValue_MessageNamesValueAndChoices(string field, string value, string message)
    {
        var manifest = field switch
        {
            "runtime" => _valid with { Runtime = value },
            "tier" => _valid with { Tier = value },
            "enforcement_model" => _valid with { EnforcementModel = value },
            _ => _valid with { OwnerTeam = value },
        };

        var error = Assert.Single(DatasetYamlValidator.Validate(manifest).Errors);

        Assert.Equal(field, error.Path);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Validate_EnforcementModelAbsent_Allowed()
    {
        Assert.True(DatasetYamlValidator.Validate(_valid with { EnforcementModel = null }).IsValid);
    }

    [Fact]
    public void Validate_DbtWithPostWrite_Valid()
    {
        Assert.True(DatasetYamlValidator.Validate(_valid with { Runtime = Runtimes.Dbt }).IsValid);
    }

    [Fact]
    public void Validate_DbtWithInlineSdk_Error()
    {
        var report = DatasetYamlValidator.Validate(_valid with { Runtime = Runtimes.Dbt, EnforcementModel = EnforcementModels.InlineSdk });

        Assert.Equal("enforcement_model", Assert.Single(report.Errors).Path);
    }

    [Theory]
    [InlineData("s3://lake/gold/orders/", null)]
    [InlineData("s3://my.bucket-01/x", null)]
    [InlineData("s3://lake", null)]
    [InlineData("file:///data/lake/orders", null)]
    [InlineData("/data/lake/orders", null)]
    [InlineData(@"C:\lake\orders", null)]
    [InlineData(@"\\server\share\orders", null)]
    [InlineData("lake/gold/orders", "relative path 'lake/gold/orders' is not allowed")]
    [InlineData("./orders", "relative path './orders' is not allowed")]
    [InlineData("~/orders", "relative path '~/orders' is not allowed")]
    [InlineData("s3://", "does not start with a valid S3 bucket name")]
    [InlineData("s3://Lake/x", "does not start with a valid S3 bucket name")]
    [InlineData("s3a://lake/x", "write s3:// instead")]
    [InlineData("gs://lake/x", "scheme 'gs://' in 'gs://lake/x' is not supported")]
    [InlineData("file://data/x", "must be absolute")]
    [InlineData(" /data/x", "leading/trailing spaces")]
    [InlineData("", "empty")]
    public void Validate_StorageLocation_AcceptsS3FileAndAbsolutePathsOnly(string location, string? expectedProblem)
    {
        var storage = _valid.Storage! with { Quarantine = location };

        var report = DatasetYamlValidator.Validate(_valid with { Storage = storage });

        if (expectedProblem is null)
        {
            Assert.True(report.IsValid, string.Join("; ", report.Errors));
        }
        else
        {
            var error = Assert.Single(report.Errors);
            Assert.Equal("storage.quarantine", error.Path);
            Assert.Contains(expectedProblem, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("bronze")]
    [InlineData("silver")]
    [InlineData("gold")]
    [InlineData("staging")]
    [InlineData("quarantine")]
    public void Validate_RelativePathInAnyLocation_ErrorNamesThatField(string field)
    {
        var storage = field switch
        {
            "bronze" => _valid.Storage! with { Bronze = "rel" },
            "silver" => _valid.Storage! with { Silver = "rel" },
            "gold" => _valid.Storage! with { Gold = "rel" },
            "staging" => _valid.Storage! with { Staging = "rel" },
            _ => _valid.Storage! with { Quarantine = "rel" },
        };

        var error = Assert.Single(DatasetYamlValidator.Validate(_valid with { Storage = storage }).Errors);

        Assert.Equal("storage." + field, error.Path);
    }

    [Fact]
    public void Validate_ParquetWithoutAnyLocation_Error()
    {
        var storage = new StorageSpec { Format = StorageFormats.Parquet, PartitionKey = "dt" };

        var error = Assert.Single(DatasetYamlValidator.Validate(_valid with { Storage = storage }).Errors);

        Assert.Equal("storage.gold", error.Path);
        Assert.Contains("no table location", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ParquetWithSilverOnlyAndPartitionKey_ValidNoWarnings()
    {
        var storage = new StorageSpec { Format = StorageFormats.Parquet, Silver = "s3://lake/silver/x/", PartitionKey = "dt" };

        var report = DatasetYamlValidator.Validate(_valid with { Storage = storage });

        Assert.True(report.IsValid);
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Validate_ParquetWithoutPartitionKey_WarningNotError()
    {
        var storage = new StorageSpec { Format = StorageFormats.Parquet, Gold = "/lake/gold/x" };

        var report = DatasetYamlValidator.Validate(_valid with { Storage = storage });

        Assert.True(report.IsValid);
        var warning = Assert.Single(report.Warnings);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("storage.partition_key", warning.Path);
        Assert.StartsWith("warning: storage.partition_key: parquet table without partition_key", warning.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 2 * * *", true)]
    [InlineData("@daily", true)]
    [InlineData("None", true)]
    [InlineData("0 2 * *", false)]
    [InlineData("0 25 * * *", false)]
    public void Validate_Schedule_UsesCronParser(string schedule, bool valid)
    {
        var manifest = _valid with { Orchestration = new OrchestrationSpec { Platform = "airflow", Schedule = schedule } };

        var report = DatasetYamlValidator.Validate(manifest);

        Assert.Equal(valid, report.IsValid);
        if (!valid)
        {
            Assert.Equal("orchestration.schedule", Assert.Single(report.Errors).Path);
        }
    }

    [Theory]
    [InlineData("airflow", true)]
    [InlineData("step_functions", true)]
    [InlineData("dagster", true)]
    [InlineData("prefect", false)]
    public void Validate_Platform_KnownOnly(string platform, bool valid)
    {
        var manifest = _valid with { Orchestration = new OrchestrationSpec { Platform = platform } };

        Assert.Equal(valid, DatasetYamlValidator.Validate(manifest).IsValid);
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.01, true)]
    [InlineData(100.0, true)]
    [InlineData(100.5, false)]
    [InlineData(-5.0, false)]
    [InlineData(double.NaN, false)]
    public void Validate_AnomalyThreshold_InZeroExclusiveToHundred(double pct, bool valid)
    {
        var manifest = _valid with { Slo = new SloSpec { Volume = new VolumeSpec { AnomalyThresholdPct = pct } } };

        var report = DatasetYamlValidator.Validate(manifest);

        Assert.Equal(valid, report.IsValid);
        if (!valid)
        {
            Assert.Equal("slo.volume.anomaly_threshold_pct", Assert.Single(report.Errors).Path);
        }
    }

    [Fact]
    public void Validate_NegativeNumbers_ErrorsPerField()
    {
        var manifest = _valid with
        {
            Slo = new SloSpec
            {
                Freshness = new FreshnessSpec { MaxStalenessHours = -1 },
                Volume = new VolumeSpec { MinRowsPerPartition = -10 },
            },
            OverrideProfilingDays = 0,
        };

        var report = DatasetYamlValidator.Validate(manifest);

        Assert.Equal(
            ["slo.freshness.max_staleness_hours", "slo.volume.min_rows_per_partition", "override_profiling_days"],
            report.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Validate_ZeroValues_Allowed()
    {
        var manifest = _valid with
        {
            Slo = new SloSpec
            {
                Freshness = new FreshnessSpec { MaxStalenessHours = 0, GracePeriod = "0s" },
                Volume = new VolumeSpec { MinRowsPerPartition = 0 },
            },
        };

        Assert.True(DatasetYamlValidator.Validate(manifest).IsValid);
    }

    [Fact]
    public void Validate_BadGracePeriod_Error()
    {
        var manifest = _valid with { Slo = new SloSpec { Freshness = new FreshnessSpec { GracePeriod = "half an hour" } } };

        var error = Assert.Single(DatasetYamlValidator.Validate(manifest).Errors);

        Assert.Equal("slo.freshness.grace_period", error.Path);
    }

    [Fact]
    public void Validate_SloWithoutObjectives_Warning()
    {
        var report = DatasetYamlValidator.Validate(_valid with { Slo = new SloSpec() });

        Assert.True(report.IsValid);
        Assert.Equal("slo", Assert.Single(report.Warnings).Path);
    }

    [Theory]
    [InlineData("autopilot", true)]
    [InlineData("human:jdoe", true)]
    [InlineData("human:jane.doe@example.com", true)]
    [InlineData("system:registry", true)]
    [InlineData("human:", false)]
    [InlineData("human:jane doe", false)]
    [InlineData("bob", false)]
    [InlineData("Autopilot", false)]
    public void Validate_CreatedBy_AutopilotHumanOrSystem(string createdBy, bool valid)
    {
        var manifest = _valid with { Metadata = new MetadataSpec { CreatedBy = createdBy } };

        var report = DatasetYamlValidator.Validate(manifest);

        Assert.Equal(valid, report.IsValid);
        if (!valid)
        {
            Assert.Equal("metadata.created_by", Assert.Single(report.Errors).Path);
        }
    }

    [Theory]
    [InlineData("2026-02-15T10:00:00Z", true)]
    [InlineData("2026-02-15T10:00:00.123+02:00", true)]
    [InlineData("2026-02-15T10:00", true)]
    [InlineData("2026-02-15", true)]
    [InlineData("2026-13-01", false)]
    [InlineData("2026-02-30T10:00:00Z", false)]
    [InlineData("15/02/2026", false)]
    [InlineData("yesterday", false)]
    public void Validate_CreatedAt_Iso8601(string createdAt, bool valid)
    {
        var manifest = _valid with { Metadata = new MetadataSpec { CreatedAt = createdAt } };

        var report = DatasetYamlValidator.Validate(manifest);

        Assert.Equal(valid, report.IsValid);
        if (!valid)
        {
            Assert.Equal("metadata.created_at", Assert.Single(report.Errors).Path);
        }
    }

    [Fact]
    public void Validate_OpenLineageEnabledWithoutNames_WarningsOnly()
    {
        var report = DatasetYamlValidator.Validate(_valid with { OpenLineage = new OpenLineageSpec { Enabled = true } });

        Assert.True(report.IsValid);
        Assert.Equal(["openlineage.namespace", "openlineage.job_name"], report.Warnings.Select(w => w.Path));
    }

    [Fact]
    public void Validate_OpenLineageDisabledWithoutNames_NoWarnings()
    {
        var report = DatasetYamlValidator.Validate(_valid with { OpenLineage = new OpenLineageSpec { Enabled = false } });

        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Validate_WithSourceMap_AttachesPositions()
    {
        var parsed = ManifestParser.Parse("urn: \"ds://a/b\"\nowner_team: t\ntier: TIER_7\nruntime: spark\nstorage:\n  format: delta\nslo: {}\n", "x.yaml");

        var report = DatasetYamlValidator.Validate(parsed.Manifest!, parsed.SourceMap);

        Assert.Equal(
            ["x.yaml:3:7: error: tier: invalid tier 'TIER_7'; expected TIER_1, TIER_2 or TIER_3",
             "x.yaml:5:1: error: storage.gold: delta format requires storage.gold (the Delta table's location)"],
            report.Errors.Select(e => e.ToString()));
    }
}
