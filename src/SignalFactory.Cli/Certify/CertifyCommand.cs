using System.CommandLine;
using System.Globalization;
using SignalFactory.Cli.Hosting;
using SignalFactory.Core.Manifests;
using SignalFactory.Policy.Certification;
using SignalFactory.Policy.Certification.Graph;
using SignalFactory.Policy.Certification.Store;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Registry.Workspaces;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Cli.Certify;

/// <summary>
/// <c>sf certify URN</c>: creates (or completes, or confirms) the dataset's certified view pointer; and
/// <c>sf certify --check-deferred</c>: completes every deferred certification whose table has had its first write.
/// Exit 0 for CERTIFIED or DEFERRED, 1 for SCHEMA_CHANGED or FAILED, 2 for bad input (unknown URN, no workspace).
/// </summary>
internal static class CertifyCommand
{
    public static Command Create(CliConsole console)
    {
        var urnArgument = new Argument<string?>("URN")
        {
            Description = "Dataset URN, e.g. ds://curated/orders_enriched",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var checkDeferred = new Option<bool>("--check-deferred")
        {
            Description = "Instead of one URN: complete every DEFERRED certification whose table now has data",
        };
        var bootstrapId = new Option<string?>("--bootstrap-id")
        {
            Description = "Bootstrap id to record (default: the registry's, else the baseline's, else the stored record's)",
        };
        var consumers = new Option<string[]>("--consumer")
        {
            Description = "A downstream consumer to link with a CONSUMED_BY edge (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = GlobalOptions.Json();
        var command = new Command("certify", "Certify a dataset's gold table: point its certified view at the newest Delta version or Parquet partition")
        {
            urnArgument,
            checkDeferred,
            bootstrapId,
            consumers,
            json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var urn = parse.GetValue(urnArgument);
            if (parse.GetValue(checkDeferred))
            {
                if (urn is not null)
                {
                    throw new InvalidInputException("give either a URN or --check-deferred, not both");
                }

                return await CheckDeferredAsync(console, parse, parse.GetValue(json), ct).ConfigureAwait(false);
            }

            if (urn is null)
            {
                throw new InvalidInputException("a dataset URN is required (or --check-deferred); run 'sf certify --help' for usage");
            }

            CliArguments.RequireUrn(urn);

            var request = new CertifyRequest(urn, parse.GetValue(bootstrapId), parse.GetValue(consumers) ?? []);
            return await CertifyAsync(console, parse, request, parse.GetValue(json), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> CertifyAsync(CliConsole console, ParseResult parse, CertifyRequest request, bool json, CancellationToken ct)
    {
        var services = await CertifyServices.OpenAsync(console, parse, ct).ConfigureAwait(false);
        var registered = await services.Registry.GetAsync(request.Urn, null, ct).ConfigureAwait(false)
            ?? throw new InvalidInputException($"{request.Urn} is not registered in {services.Workspace.RootPath}; register it with 'sf registry register FILE'");
        DatasetManifest manifest;
        Baseline? baseline;
        try
        {
            manifest = await services.Datasets.GetManifestAsync(request.Urn, ct).ConfigureAwait(false)
                ?? throw new InvalidInputException($"{request.Urn} is not registered in {services.Workspace.RootPath}");
            baseline = await services.Datasets.GetBaselineAsync(request.Urn, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is BaselineFormatException or InvalidOperationException)
        {
            throw new InvalidInputException($"{ex.Message}; re-run 'sf profile {request.Urn}' or re-register the manifest");
        }

        var existing = await services.Store.GetAsync(request.Urn, ct).ConfigureAwait(false);
        var policyKey = ArtifactKeys.PolicyBundle(request.Urn);
        var context = new CertificationContext
        {
            BootstrapId = request.BootstrapId ?? registered.BootstrapId ?? baseline?.BootstrapId ?? existing?.BootstrapId
                ?? "sf-certify-" + console.Clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            ExpectedSchemaFingerprint = baseline?.Schema.CanonicalFingerprint,
            PolicyBundleLocation = await services.Artifacts.ExistsAsync(policyKey, ct).ConfigureAwait(false) ? policyKey : null,
            Consumers = request.Consumers,
            TimeProvider = console.Clock,
        };
        var result = await services.Initializer.CertifyAsync(manifest, context, ct).ConfigureAwait(false);
        var graph = result.Status == CertificationStatus.Failed
            ? null
            : await services.Graph.QueryAsync(new GraphQuery { NodeId = request.Urn }, ct).ConfigureAwait(false);
        var differences = SchemaDifferences.Between(baseline?.Schema.Columns, result);
        if (json)
        {
            CliJson.Write(console, CertifyOutput.ToJson(result, differences, graph, manifest.Tier));
        }
        else
        {
            CertifyOutput.Print(console, result, differences, graph, manifest.Tier);
        }

        return result.Status is CertificationStatus.Certified or CertificationStatus.Deferred ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<int> CheckDeferredAsync(CliConsole console, ParseResult parse, bool json, CancellationToken ct)
    {
        var services = await CertifyServices.OpenAsync(console, parse, ct).ConfigureAwait(false);
        var checker = new DeferredCertificationChecker(services.Store, services.Datasets, services.Initializer, console.Clock);
        var report = await checker.CheckAsync(ct).ConfigureAwait(false);
        if (json)
        {
            CliJson.Write(console, report.Entries.Select(CertifyOutput.ToJson).ToList());
        }
        else
        {
            CertifyOutput.Print(console, report);
        }

        return report.Entries.Any(e => e.Outcome is DeferredCheckOutcome.Failed or DeferredCheckOutcome.SchemaChanged)
            ? ExitCodes.Failed
            : ExitCodes.Ok;
    }

    private sealed record CertifyRequest(string Urn, string? BootstrapId, IReadOnlyList<string> Consumers);

    /// <summary>The workspace with the certification tables migrated, and the stores a certification uses.</summary>
    private sealed record CertifyServices(
        Workspace Workspace,
        SignalFactory.Registry.IRegistryStore Registry,
        IArtifactStore Artifacts,
        IDatasetSource Datasets,
        ICertificationStore Store,
        IGraphStore Graph,
        CertifiedViewInitializer Initializer)
    {
        public static async Task<CertifyServices> OpenAsync(CliConsole console, ParseResult parse, CancellationToken ct)
        {
            var workspace = WorkspaceAccess.Resolve(console, parse);
            try
            {
                await workspace.OpenAsync(create: false, CertificationMigrations.All, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WorkspaceNotFoundException or WorkspaceFormatException)
            {
                throw new InvalidInputException(ex.Message);
            }

            var registry = workspace.CreateRegistryStore(console.Clock);
            var artifacts = workspace.CreateArtifactStore();
            var store = new SqliteCertificationStore(workspace.DatabasePath, console.Clock);
            var graph = new SqliteGraphStore(workspace.DatabasePath, console.Clock);
            return new CertifyServices(
                workspace, registry, artifacts, new WorkspaceDatasetSource(registry, artifacts), store, graph,
                new CertifiedViewInitializer(store, graph));
        }
    }
}
