using SignalFactory.Core.Yaml;

namespace SignalFactory.Core.Manifests;

/// <summary>
/// The result of <see cref="ManifestParser.Parse"/>. <see cref="Manifest"/> is null only when the text is not
/// a YAML mapping at all (syntax error, empty file, list or scalar root); otherwise it holds whatever could be
/// read, with fields that had type errors left null, and <see cref="Diagnostics"/> says what was wrong.
/// </summary>
/// <param name="Manifest">The manifest as written (not yet validated), or null.</param>
/// <param name="Diagnostics">Syntax and type errors, unknown-key warnings.</param>
/// <param name="SourceMap">Positions of every known key, for validation messages.</param>
public sealed record ManifestParseResult(DatasetManifest? Manifest, ValidationReport Diagnostics, ManifestSourceMap SourceMap);

/// <summary>Reads <c>dataset.yaml</c> text into a <see cref="DatasetManifest"/> with positioned diagnostics.</summary>
public static class ManifestParser
{
    /// <summary>Parses manifest text. Never throws for bad input; problems become diagnostics.</summary>
    /// <param name="yamlText">The YAML text.</param>
    /// <param name="sourceName">Name shown in diagnostics, e.g. <c>orders.yaml</c>.</param>
    public static ManifestParseResult Parse(string yamlText, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        var context = new BindContext(sourceName);
        var read = YamlTreeReader.Read(yamlText);
        if (read.Error is { } syntax)
        {
            context.Error(string.Empty, syntax.Message, syntax.Mark);
            return Result(null, context);
        }

        switch (read.Root)
        {
            case null:
                context.Diagnostics.Add(new ManifestDiagnostic(string.Empty,
                    "the manifest is empty; expected a YAML mapping with urn, owner_team, tier, runtime, storage and slo",
                    null, null, DiagnosticSeverity.Error, sourceName));
                return Result(null, context);
            case YamlScalar { IsNull: true } nullRoot:
                context.Error(string.Empty,
                    "the manifest is empty; expected a YAML mapping with urn, owner_team, tier, runtime, storage and slo",
                    nullRoot.Start);
                return Result(null, context);
            case YamlMapping mapping:
                return Result(Bind(MappingReader.Open(mapping, string.Empty, ManifestKeys.Root, context)), context);
            default:
                context.Error(string.Empty, $"the manifest must be a YAML mapping (key: value), got {read.Root.KindDescription}",
                    read.Root.Start);
                return Result(null, context);
        }
    }

    private static ManifestParseResult Result(DatasetManifest? manifest, BindContext context) =>
        new(manifest, ValidationReport.From(context.Diagnostics), context.SourceMap);

    private static DatasetManifest Bind(MappingReader root) => new()
    {
        Urn = root.String("urn"),
        OwnerTeam = root.String("owner_team"),
        Tier = root.String("tier"),
        Runtime = root.String("runtime"),
        Storage = root.Mapping("storage", ManifestKeys.Storage) is { } storage
            ? new StorageSpec
            {
                Format = storage.String("format"),
                Bronze = storage.String("bronze"),
                Silver = storage.String("silver"),
                Gold = storage.String("gold"),
                Staging = storage.String("staging"),
                Quarantine = storage.String("quarantine"),
                PartitionKey = storage.String("partition_key"),
            }
            : null,
        Orchestration = root.Mapping("orchestration", ManifestKeys.Orchestration) is { } orchestration
            ? new OrchestrationSpec
            {
                Platform = orchestration.String("platform"),
                DagId = orchestration.String("dag_id"),
                TaskId = orchestration.String("task_id"),
                Schedule = orchestration.String("schedule"),
            }
            : null,
        Slo = root.Mapping("slo", ManifestKeys.Slo) is { } slo ? BindSlo(slo) : null,
        EnforcementModel = root.String("enforcement_model"),
        OpenLineage = root.Mapping("openlineage", ManifestKeys.OpenLineage) is { } lineage
            ? new OpenLineageSpec
            {
                Enabled = lineage.Boolean("enabled"),
                Namespace = lineage.String("namespace"),
                JobName = lineage.String("job_name"),
            }
            : null,
        Metadata = root.Mapping("metadata", ManifestKeys.Metadata) is { } metadata
            ? new MetadataSpec
            {
                CreatedAt = metadata.String("created_at"),
                CreatedBy = metadata.String("created_by"),
                BootstrapId = metadata.String("bootstrap_id"),
            }
            : null,
        OverrideProfilingDays = root.Int32("override_profiling_days"),
        SkipProfiling = root.Boolean("skip_profiling"),
    };

    private static SloSpec BindSlo(MappingReader slo) => new()
    {
        Freshness = slo.Mapping("freshness", ManifestKeys.Freshness) is { } freshness
            ? new FreshnessSpec
            {
                ExpectedUpdateBy = freshness.String("expected_update_by"),
                GracePeriod = freshness.String("grace_period"),
                MaxStalenessHours = freshness.Int32("max_staleness_hours"),
            }
            : null,
        Volume = slo.Mapping("volume", ManifestKeys.Volume) is { } volume
            ? new VolumeSpec
            {
                MinRowsPerPartition = volume.Int64("min_rows_per_partition"),
                AnomalyThresholdPct = volume.Double("anomaly_threshold_pct"),
            }
            : null,
    };
}
