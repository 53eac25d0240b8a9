using System.Text;

namespace SignalFactory.Policy.Bundles;

public static partial class PolicyBundleYaml
{
    private static readonly string[] _rootKeys =
    [
        "version", "dataset_urn", "bootstrap_id", "generated_by", "enrichment_level", "security", "schema",
        "contract_lite", "volume", "contract", "pii", "freshness", "performance", "bootstrap",
    ];

    private static readonly string[] _securityKeys = ["signature", "minimum_enforcement", "validation_enabled", "kill_switch"];
    private static readonly string[] _signatureKeys = ["algorithm", "key_id", "signed_at", "value"];
    private static readonly string[] _enforcementKeys = ["pii_detection", "schema_validation"];
    private static readonly string[] _killSwitchKeys = ["engaged", "reason", "actor", "at"];
    private static readonly string[] _schemaKeys = ["mode", "registry", "baseline_fingerprint", "constraints"];
    private static readonly string[] _constraintKeys = ["field", "type", "nullable"];
    private static readonly string[] _contractLiteKeys = ["required_fields", "invariants"];
    private static readonly string[] _volumeKeys =
        ["min_rows_per_partition", "anomaly_threshold_pct", "baseline_avg", "baseline_stddev", "anomaly_lower_bound", "anomaly_upper_bound"];
    private static readonly string[] _contractKeys = ["required_fields", "invariants"];
    private static readonly string[] _invariantKeys = ["id", "description", "expression", "severity"];
    private static readonly string[] _piiKeys = ["detection", "scan_columns"];
    private static readonly string[] _piiRuleKeys = ["pattern", "action"];
    private static readonly string[] _freshnessKeys = ["expected_update_by", "grace_period", "partition_key", "max_staleness_hours"];
    private static readonly string[] _performanceKeys = ["gate_timeout_ms", "total_validation_budget_pct", "pii_scan_timeout_ms", "sampling_rate"];
    private static readonly string[] _bootstrapKeys =
        ["baseline_source", "baseline_confidence", "generated_at", "generation_attempt", "auto_refine_until", "progressive_schedule", "backtest"];
    private static readonly string[] _backtestKeys = ["status", "report"];

    /// <summary>
    /// Parses bundle text <b>without checking any signature</b> — for authoring and signing only; consumers of a
    /// bundle read it through <c>PolicyBundleReader</c>. Accepts any YAML layout (comments, quoting and key order are free). Only the structure is
    /// checked here — unknown, duplicate or missing keys and wrong types; <see cref="PolicyBundleValidator"/> checks the
    /// content. <c>PolicyBundleReader</c> additionally requires the exact canonical bytes
    /// and a valid signature.
    /// </summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="sourceName">File name used in error messages.</param>
    /// <exception cref="PolicyBundleFormatException">The text is not a well-formed v2.0 bundle; lists every problem with line and column.</exception>
    public static PolicyBundle ParseUnverified(string text, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        BundleNode? root;
        try
        {
            root = BundleYamlTree.Read(text);
        }
        catch (BundleYamlSyntaxException ex)
        {
            throw new PolicyBundleFormatException([new PolicyBundleIssue("", ex.Message, ex.Line, ex.Column)], sourceName);
        }

        if (root is null)
        {
            throw new PolicyBundleFormatException([new PolicyBundleIssue("", "the file is empty; expected a policy_bundle.yaml mapping", 1, 1)], sourceName);
        }

        var binder = new BundleBinder();
        var bundle = binder.Mapping(root, "", _rootKeys, BindBundle);
        if (binder.Issues.Count > 0 || bundle is null)
        {
            var ordered = binder.Issues.OrderBy(i => i.Line ?? int.MaxValue).ThenBy(i => i.Column ?? int.MaxValue).ToList();
            throw new PolicyBundleFormatException(ordered, sourceName);
        }

        return bundle;
    }

    /// <summary>Parses UTF-8 bundle bytes without checking any signature (a BOM is refused: canonical bundles never carry one).</summary>
    /// <exception cref="PolicyBundleFormatException">The bytes are not valid UTF-8 or not a well-formed bundle.</exception>
    public static PolicyBundle ParseUnverified(ReadOnlySpan<byte> utf8, string? sourceName = null) => ParseUnverified(DecodeUtf8(utf8, sourceName), sourceName);

    internal static string DecodeUtf8(ReadOnlySpan<byte> utf8, string? sourceName)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            throw new PolicyBundleFormatException([new PolicyBundleIssue("", "the file starts with a byte order mark; policy bundles are UTF-8 without BOM", 1, 1)], sourceName);
        }

        try
        {
            return _strictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            var (line, column) = PositionOfInvalidUtf8(utf8);
            throw new PolicyBundleFormatException([new PolicyBundleIssue("", "the file is not valid UTF-8", line, column)], sourceName);
        }
    }

    private static (int Line, int Column) PositionOfInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        int line = 1, column = 1, index = 0;
        while (index < utf8.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(utf8[index..], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            (line, column) = rune.Value == '\n' ? (line + 1, 1) : (line, column + 1);
            index += consumed;
        }

        return (line, column);
    }

    private static PolicyBundle? BindBundle(MappingBinder m)
    {
        var b = m.Binder;
        var bundle = new PolicyBundle
        {
            Version = m.Text("version") ?? "",
            DatasetUrn = m.Text("dataset_urn") ?? "",
            BootstrapId = m.Text("bootstrap_id") ?? "",
            GeneratedBy = m.Text("generated_by") ?? "",
            EnrichmentLevel = m.Text("enrichment_level") ?? "",
            Security = m.Section("security", true, _securityKeys, BindSecurity)!,
            Schema = m.Section("schema", false, _schemaKeys, s => new SchemaSection
            {
                Mode = s.Text("mode") ?? "",
                Registry = s.Text("registry") ?? "",
                BaselineFingerprint = s.Text("baseline_fingerprint") ?? "",
                Constraints = s.List("constraints", true, (node, path) => b.Mapping(node, path, _constraintKeys, c =>
                    new FieldConstraint(c.Text("field") ?? "", c.Text("type") ?? "", c.Boolean("nullable") ?? false))) ?? [],
            }),
            ContractLite = m.Section("contract_lite", false, _contractLiteKeys, c => new ContractLiteSection
            {
                RequiredFields = c.List("required_fields", true, b.Text) ?? [],
                Invariants = c.List("invariants", true, b.Text) ?? [],
            }),
            Volume = m.Section("volume", false, _volumeKeys, v => new VolumeSection
            {
                MinRowsPerPartition = v.Integer("min_rows_per_partition") ?? 0,
                AnomalyThresholdPct = v.Number("anomaly_threshold_pct") ?? 0,
                BaselineAvg = v.Number("baseline_avg") ?? 0,
                BaselineStddev = v.Number("baseline_stddev") ?? 0,
                AnomalyLowerBound = v.Number("anomaly_lower_bound", required: false),
                AnomalyUpperBound = v.Number("anomaly_upper_bound", required: false),
            }),
            Contract = m.Section("contract", false, _contractKeys, c => new ContractSection
            {
                RequiredFields = c.List("required_fields", true, b.Text) ?? [],
                Invariants = c.List("invariants", true, (node, path) => b.Mapping(node, path, _invariantKeys, i =>
                    new ContractInvariant(i.Text("id") ?? "", i.Text("description") ?? "", i.Text("expression") ?? "",
                        i.Text("severity") ?? ""))) ?? [],
            }),
            Pii = m.Section("pii", false, _piiKeys, p => new PiiSection
            {
                Detection = p.List("detection", true, (node, path) => b.Mapping(node, path, _piiRuleKeys, r =>
                    new PiiRule(r.Text("pattern") ?? "", r.Text("action") ?? ""))) ?? [],
                ScanColumns = p.List("scan_columns", true, b.Text) ?? [],
            }),
            Freshness = m.Section("freshness", false, _freshnessKeys, f => new FreshnessSection
            {
                ExpectedUpdateBy = f.Text("expected_update_by") ?? "",
                GracePeriod = f.Text("grace_period") ?? "",
                PartitionKey = f.Text("partition_key", required: false),
                MaxStalenessHours = f.Int32("max_staleness_hours", required: false),
            }),
            Performance = m.Section("performance", false, _performanceKeys, p => new PerformanceSection
            {
                GateTimeoutMs = p.Int32("gate_timeout_ms") ?? 0,
                TotalValidationBudgetPct = p.Number("total_validation_budget_pct") ?? 0,
                PiiScanTimeoutMs = p.Int32("pii_scan_timeout_ms") ?? 0,
                SamplingRate = p.Number("sampling_rate") ?? 0,
            }),
            Bootstrap = m.Section("bootstrap", false, _bootstrapKeys, BindBootstrap),
        };
        return bundle;
    }

    private static SecuritySection? BindSecurity(MappingBinder s) => new()
    {
        Signature = s.Section("signature", false, _signatureKeys, g => new BundleSignature(
            g.Text("algorithm") ?? "", g.Text("key_id") ?? "", g.Timestamp("signed_at") ?? default, g.Text("value") ?? "")),
        MinimumEnforcement = s.Section("minimum_enforcement", false, _enforcementKeys, e =>
            new MinimumEnforcement(e.Text("pii_detection") ?? "", e.Text("schema_validation") ?? "")),
        ValidationEnabled = s.Boolean("validation_enabled") ?? true,
        KillSwitch = s.Section("kill_switch", false, _killSwitchKeys, k => new KillSwitchRecord(
            k.Boolean("engaged") ?? false, k.Text("reason") ?? "", k.Text("actor") ?? "", k.Timestamp("at") ?? default)),
    };

    private static BootstrapSection? BindBootstrap(MappingBinder m)
    {
        var b = m.Binder;
        return new BootstrapSection
        {
            BaselineSource = m.Text("baseline_source") ?? "",
            BaselineConfidence = m.Text("baseline_confidence") ?? "",
            GeneratedAt = m.Timestamp("generated_at", required: false),
            GenerationAttempt = m.Int32("generation_attempt", required: false),
            AutoRefineUntil = m.Timestamp("auto_refine_until", required: false),
            ProgressiveSchedule = m.Node("progressive_schedule", required: false) is { } node
                ? BindSchedule(b, node, m.Child("progressive_schedule"))
                : ValueMap<ValueList<string>>.Empty,
            Backtest = m.Section("backtest", false, _backtestKeys, t => new BacktestSummary(
                t.Text("status") ?? "", t.Text("report", required: false))),
        };
    }

    // Week keys are open-ended (week_1 … week_N), so this map is read without a fixed key set.
    private static ValueMap<ValueList<string>> BindSchedule(BundleBinder b, BundleNode node, string path)
    {
        if (node is not BundleMapping mapping)
        {
            b.Error(path, $"expected a mapping of week_N to gate lists, found {node.Kind}", node);
            return ValueMap<ValueList<string>>.Empty;
        }

        var entries = new Dictionary<string, ValueList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            var keyPath = path + "." + key.Value;
            if (entries.ContainsKey(key.Value))
            {
                b.Error(keyPath, "duplicate key", key);
            }
            else if (b.List(value, keyPath, b.Text) is { } gates)
            {
                entries.Add(key.Value, gates);
            }
        }

        return new ValueMap<ValueList<string>>(entries);
    }
}
