using SignalFactory.Core.Manifests;
using SignalFactory.Orchestration.Audit;

namespace SignalFactory.Orchestration.StateMachine;

/// <summary>Initiates the bootstrap of one dataset (LLD §2.3.1 <c>BootstrapInitRequest</c>).</summary>
/// <param name="DatasetUrn"><c>ds://zone/name</c>.</param>
/// <param name="Tier"><c>TIER_1</c>, <c>TIER_2</c> or <c>TIER_3</c>.</param>
/// <param name="EnforcementModel"><c>inline_sdk</c> or <c>post_write</c>.</param>
/// <param name="Runtime"><c>spark</c>, <c>python</c>, <c>dask</c> or <c>dbt</c>.</param>
/// <param name="StorageFormat"><c>delta</c> or <c>parquet</c>.</param>
/// <param name="InitiatedBy"><c>autopilot</c> or <c>human:&lt;username&gt;</c>.</param>
/// <param name="DatasetYamlUri">Where the submitted <c>dataset.yaml</c> is.</param>
/// <param name="OverrideProfilingDays">Replaces the default 7-day lookback when set (1 or more).</param>
/// <param name="SkipProfiling">Ask for a synthetic baseline instead of profiling.</param>
public sealed record BootstrapInitRequest(
    string DatasetUrn,
    string Tier,
    string EnforcementModel,
    string Runtime,
    string StorageFormat,
    string InitiatedBy,
    string DatasetYamlUri,
    int? OverrideProfilingDays = null,
    bool SkipProfiling = false)
{
    /// <summary>Every problem with the request, each naming its field; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Core.Manifests.DatasetUrn.TryParse(DatasetUrn, out _))
        {
            errors.Add($"dataset_urn: '{DatasetUrn}' must match {Core.Manifests.DatasetUrn.Pattern}");
        }

        Check(errors, "tier", Tier, Tiers.All);
        Check(errors, "storage_format", StorageFormat, StorageFormats.Supported);
        Check(errors, "enforcement_model", EnforcementModel, EnforcementModels.All);
        Check(errors, "runtime", Runtime, Runtimes.All);

        // A bootstrap is started by the automation or a person, never by a worker.
        if (!Actor.TryParse(InitiatedBy, out var actor) || actor.Kind == ActorKind.System)
        {
            errors.Add($"initiated_by: '{InitiatedBy}' must be 'autopilot' or 'human:<username>'");
        }

        if (string.IsNullOrWhiteSpace(DatasetYamlUri))
        {
            errors.Add("dataset_yaml_uri: required");
        }

        if (OverrideProfilingDays is < 1)
        {
            errors.Add($"override_profiling_days: {OverrideProfilingDays} must be 1 or more");
        }

        return errors;
    }

    private static void Check(List<string> errors, string field, string? value, IReadOnlyList<string> allowed)
    {
        if (value is null || !allowed.Contains(value, StringComparer.Ordinal))
        {
            errors.Add($"{field}: '{value}' is not one of {string.Join(", ", allowed)}");
        }
    }
}
