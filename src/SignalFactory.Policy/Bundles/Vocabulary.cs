namespace SignalFactory.Policy.Bundles;

/// <summary><c>enrichment_level</c> values, in increasing order of enrichment (HLD §6.4).</summary>
public static class EnrichmentLevels
{
    /// <summary>Schema fingerprint and required fields.</summary>
    public const string ContractLite = "contract_lite";

    /// <summary>Plus volume thresholds.</summary>
    public const string VolumeBaseline = "volume_baseline";

    /// <summary>Plus invariants and PII rules.</summary>
    public const string FullContract = "full_contract";

    /// <summary>Plus referential integrity and anomaly models.</summary>
    public const string Advanced = "advanced";

    private static readonly string[] _ordered = [ContractLite, VolumeBaseline, FullContract, Advanced];

    /// <summary>All values, least enriched first.</summary>
    public static IReadOnlyList<string> All => _ordered;

    /// <summary>Position in <see cref="All"/>; -1 when unknown.</summary>
    public static int Rank(string level) => Array.IndexOf(_ordered, level);
}

/// <summary><c>schema.mode</c> values.</summary>
public static class SchemaModes
{
    /// <summary>Any drift from the baseline fingerprint fails gate G3.</summary>
    public const string Strict = "strict";

    /// <summary>New nullable columns are accepted; removals and type changes fail.</summary>
    public const string Additive = "additive";

    /// <summary>Drift is reported but never blocks.</summary>
    public const string Monitor = "monitor";

    /// <summary>All values.</summary>
    public static IReadOnlyList<string> All { get; } = [Strict, Additive, Monitor];
}

/// <summary><c>security.minimum_enforcement.*</c> values.</summary>
public static class EnforcementLevels
{
    /// <summary>The check may not be switched off.</summary>
    public const string Required = "required";

    /// <summary>The check may be switched off.</summary>
    public const string Optional = "optional";

    /// <summary>All values.</summary>
    public static IReadOnlyList<string> All { get; } = [Required, Optional];
}

/// <summary><c>contract.invariants[].severity</c> values.</summary>
public static class InvariantSeverities
{
    /// <summary>A violation fails the contract gate.</summary>
    public const string Error = "error";

    /// <summary>A violation is reported only.</summary>
    public const string Warning = "warning";

    /// <summary>All values.</summary>
    public static IReadOnlyList<string> All { get; } = [Error, Warning];
}

/// <summary><c>pii.detection[].action</c> values (LLD §6.3 org defaults).</summary>
public static class PiiActions
{
    /// <summary>Replace with a reversible token.</summary>
    public const string Tokenize = "tokenize";

    /// <summary>Mask part of the value.</summary>
    public const string Mask = "mask";

    /// <summary>Remove the value.</summary>
    public const string Redact = "redact";

    /// <summary>All values.</summary>
    public static IReadOnlyList<string> All { get; } = [Tokenize, Mask, Redact];
}

/// <summary><c>bootstrap.baseline_confidence</c> values.</summary>
public static class BaselineConfidences
{
    /// <summary>Computed from enough real partitions.</summary>
    public const string High = "HIGH";

    /// <summary>Computed from few partitions.</summary>
    public const string Medium = "MEDIUM";

    /// <summary>Synthetic (cold start).</summary>
    public const string Low = "LOW";

    /// <summary>All values.</summary>
    public static IReadOnlyList<string> All { get; } = [High, Medium, Low];
}

/// <summary><c>bootstrap.backtest.status</c> values.</summary>
public static class BacktestStatuses
{
    /// <summary>No backtest has run yet.</summary>
    public const string NotRun = "not_run";

    /// <summary>The rules held on the replayed history.</summary>
    public const string Passed = "passed";

    /// <summary>The rules would have failed on the replayed history.</summary>
    public const string Failed = "failed";

    /// <summary>All values.</summary>
    public static IReadOnlyList<string> All { get; } = [NotRun, Passed, Failed];
}
