using System.Globalization;
using System.Text.RegularExpressions;
using SignalFactory.Core.Manifests;
using SignalFactory.Core.Scheduling;

namespace SignalFactory.Policy.Bundles;

/// <summary>
/// Content rules of a v2.0 bundle beyond its structure: known enumerated values, a valid URN, unique names,
/// numbers in range, the sections its enrichment level needs, and a kill-switch record consistent with
/// <c>validation_enabled</c>. Used before signing and after verifying.
/// </summary>
public static partial class PolicyBundleValidator
{
    /// <summary>Every rule the bundle breaks, as path + message; empty when valid.</summary>
    public static IReadOnlyList<PolicyBundleIssue> Validate(PolicyBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var issues = new List<PolicyBundleIssue>();
        void Error(string path, string message) => issues.Add(new PolicyBundleIssue(path, message));

        if (bundle.Version != PolicyBundle.CurrentVersion)
        {
            Error("version", $"unsupported bundle version; this tool reads \"{PolicyBundle.CurrentVersion}\"");
        }

        if (!DatasetUrn.TryParse(bundle.DatasetUrn, out _))
        {
            Error("dataset_urn", $"not a dataset URN; expected ds://{{zone}}/{{name}} matching {DatasetUrn.Pattern}");
        }

        NotBlank(issues, "bootstrap_id", bundle.BootstrapId);
        Actor(issues, "generated_by", bundle.GeneratedBy);
        var rank = EnrichmentLevels.Rank(bundle.EnrichmentLevel);
        OneOf(issues, "enrichment_level", bundle.EnrichmentLevel, EnrichmentLevels.All);

        ValidateSecurity(issues, bundle.Security);
        if (rank >= EnrichmentLevels.Rank(EnrichmentLevels.VolumeBaseline) && bundle.Volume is null)
        {
            Error("volume", $"enrichment level {bundle.EnrichmentLevel} needs a volume section");
        }

        if (rank >= EnrichmentLevels.Rank(EnrichmentLevels.FullContract) && bundle.Contract is null)
        {
            Error("contract", $"enrichment level {bundle.EnrichmentLevel} needs a contract section");
        }

        if (bundle.Schema is { } schema)
        {
            OneOf(issues, "schema.mode", schema.Mode, SchemaModes.All);
            NotBlank(issues, "schema.registry", schema.Registry);
            NotBlank(issues, "schema.baseline_fingerprint", schema.BaselineFingerprint);
            Names(issues, "schema.constraints", schema.Constraints.Select(c => c.Field).ToList(), "field");
            for (var i = 0; i < schema.Constraints.Count; i++)
            {
                NotBlank(issues, $"schema.constraints[{i}].type", schema.Constraints[i].Type);
            }
        }

        if (bundle.ContractLite is { } lite)
        {
            Names(issues, "contract_lite.required_fields", lite.RequiredFields, null);
            for (var i = 0; i < lite.Invariants.Count; i++)
            {
                NotBlank(issues, $"contract_lite.invariants[{i}]", lite.Invariants[i]);
            }
        }

        if (bundle.Volume is { } volume)
        {
            ValidateVolume(issues, volume);
        }

        if (bundle.Contract is { } contract)
        {
            ValidateContract(issues, contract);
        }

        if (bundle.Pii is { } pii)
        {
            for (var i = 0; i < pii.Detection.Count; i++)
            {
                NotBlank(issues, $"pii.detection[{i}].pattern", pii.Detection[i].Pattern);
                OneOf(issues, $"pii.detection[{i}].action", pii.Detection[i].Action, PiiActions.All);
            }

            Names(issues, "pii.detection", pii.Detection.Select(r => r.Pattern).ToList(), "pattern");
            Names(issues, "pii.scan_columns", pii.ScanColumns, null);
        }

        if (bundle.Freshness is { } freshness)
        {
            NotBlank(issues, "freshness.expected_update_by", freshness.ExpectedUpdateBy);
            if (!DurationParser.TryParse(freshness.GracePeriod, out _, out var error))
            {
                Error("freshness.grace_period", error);
            }

            if (freshness.PartitionKey is { } key)
            {
                NotBlank(issues, "freshness.partition_key", key);
            }

            if (freshness.MaxStalenessHours is <= 0)
            {
                Error("freshness.max_staleness_hours", "must be positive");
            }
        }

        if (bundle.Performance is { } performance)
        {
            ValidatePerformance(issues, performance);
        }

        if (bundle.Bootstrap is { } bootstrap)
        {
            ValidateBootstrap(issues, bootstrap);
        }

        return issues;
    }

    /// <summary>Throws when <see cref="Validate"/> finds anything.</summary>
    /// <exception cref="PolicyBundleFormatException">The bundle breaks at least one rule.</exception>
    public static void ThrowIfInvalid(PolicyBundle bundle, string? sourceName = null)
    {
        var issues = Validate(bundle);
        if (issues.Count > 0)
        {
            throw new PolicyBundleFormatException(issues, sourceName);
        }
    }

    private static void ValidateSecurity(List<PolicyBundleIssue> issues, SecuritySection security)
    {
        if (security.Signature is { } signature)
        {
            NotBlank(issues, "security.signature.algorithm", signature.Algorithm);
            NotBlank(issues, "security.signature.key_id", signature.KeyId);
        }

        if (security.MinimumEnforcement is { } minimum)
        {
            OneOf(issues, "security.minimum_enforcement.pii_detection", minimum.PiiDetection, EnforcementLevels.All);
            OneOf(issues, "security.minimum_enforcement.schema_validation", minimum.SchemaValidation, EnforcementLevels.All);
        }

        if (security.KillSwitch is { } kill)
        {
            if (kill.Engaged == security.ValidationEnabled)
            {
                issues.Add(new PolicyBundleIssue("security.kill_switch.engaged",
                    "must be the opposite of security.validation_enabled (the kill switch is what turns validation off)"));
            }

            NotBlank(issues, "security.kill_switch.reason", kill.Reason);
            Actor(issues, "security.kill_switch.actor", kill.Actor);
        }
        else if (!security.ValidationEnabled)
        {
            issues.Add(new PolicyBundleIssue("security.validation_enabled",
                "validation may only be turned off through the kill switch, which records who did it and why (security.kill_switch)"));
        }
    }

    private static void ValidateVolume(List<PolicyBundleIssue> issues, VolumeSection volume)
    {
        if (volume.MinRowsPerPartition < 0)
        {
            issues.Add(new PolicyBundleIssue("volume.min_rows_per_partition", "must not be negative"));
        }

        Range(issues, "volume.anomaly_threshold_pct", volume.AnomalyThresholdPct, 0, double.MaxValue, minExclusive: true);
        Range(issues, "volume.baseline_avg", volume.BaselineAvg, 0, double.MaxValue);
        Range(issues, "volume.baseline_stddev", volume.BaselineStddev, 0, double.MaxValue);
        if (volume.AnomalyLowerBound is { } lower)
        {
            Range(issues, "volume.anomaly_lower_bound", lower, 0, double.MaxValue);
        }

        if (volume.AnomalyUpperBound is { } upper)
        {
            Range(issues, "volume.anomaly_upper_bound", upper, volume.AnomalyLowerBound ?? 0, double.MaxValue);
        }
    }

    private static void ValidateContract(List<PolicyBundleIssue> issues, ContractSection contract)
    {
        Names(issues, "contract.required_fields", contract.RequiredFields, null);
        for (var i = 0; i < contract.Invariants.Count; i++)
        {
            var invariant = contract.Invariants[i];
            var path = $"contract.invariants[{i}]";
            if (!IdentifierRegex().IsMatch(invariant.Id))
            {
                issues.Add(new PolicyBundleIssue(path + ".id", "must be a word of letters, digits, '_', '-' or '.'"));
            }

            NotBlank(issues, path + ".description", invariant.Description);
            NotBlank(issues, path + ".expression", invariant.Expression);
            OneOf(issues, path + ".severity", invariant.Severity, InvariantSeverities.All);
        }

        Names(issues, "contract.invariants", contract.Invariants.Select(i => i.Id).ToList(), "id");
    }

    private static void ValidatePerformance(List<PolicyBundleIssue> issues, PerformanceSection performance)
    {
        if (performance.GateTimeoutMs <= 0)
        {
            issues.Add(new PolicyBundleIssue("performance.gate_timeout_ms", "must be positive"));
        }

        if (performance.PiiScanTimeoutMs <= 0)
        {
            issues.Add(new PolicyBundleIssue("performance.pii_scan_timeout_ms", "must be positive"));
        }

        Range(issues, "performance.total_validation_budget_pct", performance.TotalValidationBudgetPct, 0, 100, minExclusive: true);
        Range(issues, "performance.sampling_rate", performance.SamplingRate, 0, 1, minExclusive: true);
    }

    private static void ValidateBootstrap(List<PolicyBundleIssue> issues, BootstrapSection bootstrap)
    {
        NotBlank(issues, "bootstrap.baseline_source", bootstrap.BaselineSource);
        OneOf(issues, "bootstrap.baseline_confidence", bootstrap.BaselineConfidence, BaselineConfidences.All);
        if (bootstrap.GenerationAttempt is < 1)
        {
            issues.Add(new PolicyBundleIssue("bootstrap.generation_attempt", "must be 1 or more"));
        }

        foreach (var (week, gates) in bootstrap.ProgressiveSchedule)
        {
            var path = "bootstrap.progressive_schedule." + week;
            if (!WeekRegex().IsMatch(week))
            {
                issues.Add(new PolicyBundleIssue(path, "keys must be week_N with N from 1"));
            }

            Names(issues, path, gates, null);
        }

        if (bootstrap.Backtest is { } backtest)
        {
            OneOf(issues, "bootstrap.backtest.status", backtest.Status, BacktestStatuses.All);
            if (backtest.Report is { } report)
            {
                NotBlank(issues, "bootstrap.backtest.report", report);
            }
        }
    }

    private static void NotBlank(List<PolicyBundleIssue> issues, string path, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            issues.Add(new PolicyBundleIssue(path, "must not be empty"));
        }
    }

    private static void OneOf(List<PolicyBundleIssue> issues, string path, string value, IReadOnlyList<string> allowed)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            issues.Add(new PolicyBundleIssue(path, $"must be one of {string.Join(", ", allowed)}"));
        }
    }

    /// <summary>True for <c>autopilot</c>, <c>human:&lt;username&gt;</c> or <c>system:&lt;component&gt;</c> (no spaces).</summary>
    public static bool IsValidActor(string actor) => ActorRegex().IsMatch(actor);

    private static void Actor(List<PolicyBundleIssue> issues, string path, string value)
    {
        if (!ActorRegex().IsMatch(value))
        {
            issues.Add(new PolicyBundleIssue(path, "must be autopilot, human:<username> or system:<component>"));
        }
    }

    private static void Range(List<PolicyBundleIssue> issues, string path, double value, double min, double max, bool minExclusive = false)
    {
        if (!double.IsFinite(value) || value > max || (minExclusive ? value <= min : value < min))
        {
            var low = min.ToString(CultureInfo.InvariantCulture);
            issues.Add(new PolicyBundleIssue(path, max == double.MaxValue
                ? $"must be {(minExclusive ? "greater than" : "at least")} {low}"
                : $"must be in {(minExclusive ? "(" : "[")}{low}, {max.ToString(CultureInfo.InvariantCulture)}]"));
        }
    }

    // Names in a list (columns, gates, ids): none blank, none twice. Messages name the position, not the value.
    private static void Names(List<PolicyBundleIssue> issues, string path, IReadOnlyList<string> names, string? field)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var itemPath = field is null ? $"{path}[{i}]" : $"{path}[{i}].{field}";
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                issues.Add(new PolicyBundleIssue(itemPath, "must not be empty"));
            }
            else if (!seen.TryAdd(names[i], i))
            {
                issues.Add(new PolicyBundleIssue(itemPath, $"repeats entry [{seen[names[i]]}]"));
            }
        }
    }

    [GeneratedRegex(@"^(autopilot|human:[^\s:][^\s]*|system:[^\s:][^\s]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex ActorRegex();

    [GeneratedRegex(@"^week_[1-9][0-9]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex WeekRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierRegex();
}
