using System.Globalization;
using System.Text.RegularExpressions;
using SignalFactory.Core.Scheduling;

namespace SignalFactory.Core.Manifests;

/// <summary>
/// Validates a <see cref="DatasetManifest"/> with the rules of LLD §3.2 (required fields, supported formats,
/// runtimes, tiers, enforcement models, URN pattern, Delta needs <c>storage.gold</c>, dbt cannot use
/// <c>inline_sdk</c>) plus value checks: storage locations, cron schedule, grace-period duration, number ranges,
/// orchestration platform, <c>created_by</c> and <c>created_at</c>. Bad values are reported, never thrown.
/// </summary>
public static partial class DatasetYamlValidator
{
    /// <summary>Validates a manifest. Pass the parser's source map to get line:column in messages.</summary>
    /// <param name="manifest">The manifest (from <see cref="ManifestParser"/> or built in code).</param>
    /// <param name="sourceMap">Positions from parsing; <see cref="ManifestSourceMap.Empty"/> when null.</param>
    public static ValidationReport Validate(DatasetManifest manifest, ManifestSourceMap? sourceMap = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var context = new ValidationContext(sourceMap ?? ManifestSourceMap.Empty);
        Validate(manifest, context);
        return ValidationReport.From(context.Diagnostics);
    }

    internal static void Validate(DatasetManifest manifest, ValidationContext context)
    {
        context.RequireValue("urn", manifest.Urn);
        context.RequireValue("owner_team", manifest.OwnerTeam);
        context.RequireValue("tier", manifest.Tier);
        context.RequireValue("runtime", manifest.Runtime);
        context.RequireValue("storage", manifest.Storage);
        context.RequireValue("slo", manifest.Slo);

        if (context.RequireNotBlank("urn", manifest.Urn) && !DatasetUrn.TryParse(manifest.Urn, out _))
        {
            context.Error("urn", $"invalid URN '{Show(manifest.Urn!)}'; expected ds://{{zone}}/{{dataset_name}} "
                + "with a zone of a-z and '_' and a name of a-z, 0-9 and '_'");
        }

        context.RequireNotBlank("owner_team", manifest.OwnerTeam);
        CheckChoice(context, "tier", manifest.Tier, Tiers.All, "tier");
        CheckChoice(context, "runtime", manifest.Runtime, Runtimes.All, "runtime");
        CheckChoice(context, "enforcement_model", manifest.EnforcementModel, EnforcementModels.All, "enforcement_model");
        if (manifest.Runtime == Runtimes.Dbt && manifest.EnforcementModel == EnforcementModels.InlineSdk)
        {
            context.Error("enforcement_model",
                "runtime 'dbt' is incompatible with enforcement_model 'inline_sdk' (the SDK cannot be injected into dbt); use post_write");
        }

        if (manifest.Storage is { } storage)
        {
            ValidateStorage(storage, context);
        }

        if (manifest.Orchestration is { } orchestration)
        {
            ValidateOrchestration(orchestration, context);
        }

        if (manifest.Slo is { } slo)
        {
            ValidateSlo(slo, context);
        }

        if (manifest.OpenLineage is { } lineage)
        {
            ValidateOpenLineage(lineage, context);
        }

        if (manifest.Metadata is { } metadata)
        {
            ValidateMetadata(metadata, context);
        }

        if (manifest.OverrideProfilingDays is < 1 and var days)
        {
            context.Error("override_profiling_days", $"must be at least 1 day (got {days})");
        }
    }

    private static void ValidateStorage(StorageSpec storage, ValidationContext context)
    {
        context.RequireValue("storage.format", storage.Format);
        if (context.RequireNotBlank("storage.format", storage.Format) && !StorageFormats.Supported.Contains(storage.Format))
        {
            var format = storage.Format!;
            context.Error("storage.format", StorageFormats.Planned.Contains(format.ToLowerInvariant())
                ? $"storage format '{format}' is not supported in this phase; supported: delta, parquet"
                : $"unknown storage format '{Show(format)}'; expected delta or parquet{CaseHint(format, StorageFormats.Supported)}");
        }

        (string Key, string? Value)[] locations =
        [
            ("bronze", storage.Bronze), ("silver", storage.Silver), ("gold", storage.Gold),
            ("staging", storage.Staging), ("quarantine", storage.Quarantine),
        ];
        foreach (var (key, value) in locations)
        {
            if (value is not null && StoragePaths.Problem(value) is { } problem)
            {
                context.Error("storage." + key, problem);
            }
        }

        context.RequireNotBlank("storage.partition_key", storage.PartitionKey);
        if (storage.Format == StorageFormats.Delta && storage.Gold is null && !context.AlreadyReported("storage.gold"))
        {
            context.AbsentError("storage.gold", "delta format requires storage.gold (the Delta table's location)");
        }

        if (storage.Format == StorageFormats.Parquet)
        {
            if (storage.Bronze is null && storage.Silver is null && storage.Gold is null
                && !context.AlreadyReported("storage.gold"))
            {
                context.AbsentError("storage.gold", "no table location: set storage.gold (or storage.silver / storage.bronze)");
            }

            if (storage.PartitionKey is null && !context.AlreadyReported("storage.partition_key"))
            {
                context.AbsentWarning("storage.partition_key",
                    "parquet table without partition_key; profiling may be slow (every file is read to find partitions)");
            }
        }
    }

    private static void ValidateOrchestration(OrchestrationSpec orchestration, ValidationContext context)
    {
        CheckChoice(context, "orchestration.platform", orchestration.Platform, OrchestrationPlatforms.All, "orchestration platform");
        context.RequireNotBlank("orchestration.dag_id", orchestration.DagId);
        context.RequireNotBlank("orchestration.task_id", orchestration.TaskId);
        if (orchestration.Schedule is { } schedule && !CronSchedule.TryParse(schedule, out _, out var error))
        {
            context.Error("orchestration.schedule", $"invalid schedule '{Show(schedule)}': {error}");
        }
    }

    private static void ValidateSlo(SloSpec slo, ValidationContext context)
    {
        if (slo.Freshness is null && slo.Volume is null
            && !context.AlreadyReported("slo.freshness") && !context.AlreadyReported("slo.volume"))
        {
            context.Warning("slo", "defines neither freshness nor volume; tier defaults will apply");
        }

        if (slo.Freshness is { } freshness)
        {
            if (freshness.GracePeriod is { } grace && !DurationParser.TryParse(grace, out _, out var error))
            {
                context.Error("slo.freshness.grace_period", error);
            }

            context.RequireNotBlank("slo.freshness.expected_update_by", freshness.ExpectedUpdateBy);
            if (freshness.MaxStalenessHours is < 0 and var hours)
            {
                context.Error("slo.freshness.max_staleness_hours", $"must not be negative (got {hours})");
            }
        }

        if (slo.Volume is { } volume)
        {
            if (volume.MinRowsPerPartition is < 0 and var rows)
            {
                context.Error("slo.volume.min_rows_per_partition", $"must not be negative (got {rows})");
            }

            if (volume.AnomalyThresholdPct is { } pct && !(pct > 0 && pct <= 100))
            {
                context.Error("slo.volume.anomaly_threshold_pct",
                    $"must be greater than 0 and at most 100 (got {pct.ToString(CultureInfo.InvariantCulture)})");
            }
        }
    }

    private static void ValidateOpenLineage(OpenLineageSpec lineage, ValidationContext context)
    {
        context.RequireNotBlank("openlineage.namespace", lineage.Namespace);
        context.RequireNotBlank("openlineage.job_name", lineage.JobName);
        if (lineage.Enabled != true)
        {
            return;
        }

        foreach (var (path, value) in new[] { ("openlineage.namespace", lineage.Namespace), ("openlineage.job_name", lineage.JobName) })
        {
            if (value is null && !context.AlreadyReported(path))
            {
                context.AbsentWarning(path, $"openlineage is enabled without {path[(path.IndexOf('.') + 1)..]}; lineage events cannot be matched to this dataset");
            }
        }
    }

    private static void ValidateMetadata(MetadataSpec metadata, ValidationContext context)
    {
        if (context.RequireNotBlank("metadata.created_by", metadata.CreatedBy) && !CreatedByRegex().IsMatch(metadata.CreatedBy!))
        {
            context.Error("metadata.created_by",
                $"invalid created_by '{Show(metadata.CreatedBy!)}'; expected autopilot, human:<username> or system:<component>");
        }

        if (context.RequireNotBlank("metadata.created_at", metadata.CreatedAt) && !IsIsoTimestamp(metadata.CreatedAt!))
        {
            context.Error("metadata.created_at",
                $"invalid timestamp '{Show(metadata.CreatedAt!)}'; expected ISO-8601 such as 2026-02-15T10:00:00Z");
        }

        context.RequireNotBlank("metadata.bootstrap_id", metadata.BootstrapId);
    }

    private static void CheckChoice(ValidationContext context, string path, string? value, IReadOnlyList<string> allowed, string what)
    {
        if (!context.RequireNotBlank(path, value) || allowed.Contains(value!))
        {
            return;
        }

        var choices = allowed.Count == 1
            ? allowed[0]
            : string.Join(", ", allowed.Take(allowed.Count - 1)) + " or " + allowed[^1];
        context.Error(path, $"invalid {what} '{Show(value!)}'; expected {choices}{CaseHint(value!, allowed)}");
    }

    private static string CaseHint(string value, IReadOnlyList<string> allowed) =>
        allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase)) is { } match
            ? $" (values are case-sensitive: write '{match}')"
            : string.Empty;

    private static bool IsIsoTimestamp(string text) =>
        IsoTimestampRegex().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    private static string Show(string value) => MappingReader.Echo(value);

    [GeneratedRegex(@"^(autopilot|human:[A-Za-z0-9._@\-]+|system:[A-Za-z0-9._\-]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex CreatedByRegex();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+\-]\d{2}:\d{2})?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTimestampRegex();
}
