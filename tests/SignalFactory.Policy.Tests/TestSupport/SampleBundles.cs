using SignalFactory.Policy.Bundles;

namespace SignalFactory.Policy.Tests.TestSupport;

/// <summary>Bundles shaped like the HLD §6.5 example.</summary>
public static class SampleBundles
{
    /// <summary>A full-contract bundle with every section and every optional field set.</summary>
    public static PolicyBundle Full() => new()
    {
        DatasetUrn = "ds://curated/orders_enriched",
        BootstrapId = "boot-2026-02-15-001",
        GeneratedBy = "autopilot",
        EnrichmentLevel = EnrichmentLevels.FullContract,
        Security = new SecuritySection
        {
            MinimumEnforcement = new MinimumEnforcement(EnforcementLevels.Required, EnforcementLevels.Required),
            ValidationEnabled = true,
        },
        Schema = new SchemaSection
        {
            Mode = SchemaModes.Strict,
            Registry = "auto",
            BaselineFingerprint = "sha256:a1b2c3d4e5f6",
            Constraints =
            [
                new FieldConstraint("order_id", "STRING", false),
                new FieldConstraint("order_total", "DECIMAL(10,2)", false),
                new FieldConstraint("customer_id", "STRING", false),
                new FieldConstraint("email", "STRING", true),
            ],
        },
        ContractLite = new ContractLiteSection { RequiredFields = ["order_id", "customer_id", "order_total"], Invariants = [] },
        Volume = new VolumeSection
        {
            MinRowsPerPartition = 116750,
            AnomalyThresholdPct = 40,
            BaselineAvg = 142350,
            BaselineStddev = 12800.5,
            AnomalyLowerBound = 116750,
            AnomalyUpperBound = 167950,
        },
        Contract = new ContractSection
        {
            RequiredFields = ["order_id", "customer_id", "order_total"],
            Invariants =
            [
                new ContractInvariant("order_total_positive", "Order totals are positive", "order_total > 0", InvariantSeverities.Error),
                new ContractInvariant("created_at_present", "Creation time is set", "created_at IS NOT NULL", InvariantSeverities.Warning),
            ],
        },
        Pii = new PiiSection
        {
            Detection = [new PiiRule("EMAIL", PiiActions.Tokenize), new PiiRule("PHONE", PiiActions.Mask)],
            ScanColumns = ["email", "phone"],
        },
        Freshness = new FreshnessSection
        {
            ExpectedUpdateBy = "02:00 ET daily",
            GracePeriod = "30m",
            PartitionKey = "dt",
            MaxStalenessHours = 26,
        },
        Performance = new PerformanceSection
        {
            GateTimeoutMs = 10000,
            TotalValidationBudgetPct = 5,
            PiiScanTimeoutMs = 10000,
            SamplingRate = 1.0,
        },
        Bootstrap = new BootstrapSection
        {
            BaselineSource = "boot-2026-02-15-001",
            BaselineConfidence = BaselineConfidences.High,
            GeneratedAt = new DateTimeOffset(2026, 2, 15, 10, 40, 0, TimeSpan.Zero),
            GenerationAttempt = 1,
            AutoRefineUntil = new DateTimeOffset(2026, 2, 22, 0, 0, 0, TimeSpan.Zero),
            ProgressiveSchedule = ValueMap.From(new Dictionary<string, ValueList<string>>
            {
                ["week_1"] = ["G1_RESOLUTION", "G2_IDENTITY", "G3_SCHEMA", "G6_VOLUME", "G4_CONTRACT", "G5_FRESHNESS", "G5_PII", "DQ_CHECKS"],
            }),
            Backtest = new BacktestSummary(BacktestStatuses.NotRun),
        },
    };

    /// <summary>A small Tier-3 Contract-Lite bundle (keeps the every-byte tests quick).</summary>
    public static PolicyBundle Small() => new()
    {
        DatasetUrn = "ds://raw/clicks",
        BootstrapId = "boot-7",
        GeneratedBy = "autopilot",
        EnrichmentLevel = EnrichmentLevels.ContractLite,
        Security = new SecuritySection { ValidationEnabled = true },
        ContractLite = new ContractLiteSection { RequiredFields = ["id", "ts"] },
        Performance = new PerformanceSection { GateTimeoutMs = 20000, TotalValidationBudgetPct = 10, PiiScanTimeoutMs = 20000, SamplingRate = 0.5 },
    };
}
