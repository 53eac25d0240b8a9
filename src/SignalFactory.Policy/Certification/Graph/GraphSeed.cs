using System.Globalization;
using SignalFactory.Core.Manifests;

namespace SignalFactory.Policy.Certification.Graph;

/// <summary>
/// The graph writes of LLD §7.2 step 4 / HLD §7.2 for one dataset, as an idempotent <see cref="GraphChange"/>:
/// <list type="bullet">
/// <item>a <c>BatchDataset</c> node (id = URN) with the seed's properties (tier, storage format, enforcement model,
/// runtime, certification status, bootstrap id, bootstrapped_at) and the certified view name;</item>
/// <item>a <c>Team</c> node for <c>owner_team</c> and an <c>OWNS</c> edge team → dataset; a previous owner's edge is
/// removed, so a changed owner moves the edge;</item>
/// <item>a <c>Job</c> node for the producing job with a <c>PRODUCES</c> edge job → dataset: the OpenLineage job
/// (<c>openlineage.namespace</c> + <c>job_name</c>) when lineage is enabled, else the orchestration task
/// (<c>platform</c>/<c>dag_id</c>.<c>task_id</c>). That job writes the table; it is not a consumer;</item>
/// <item>a <c>Consumer</c> node and a <c>CONSUMED_BY</c> edge dataset → consumer for each consumer the caller names
/// (<see cref="CertificationContext.Consumers"/>): a manifest lists no consumers (HLD §4.4), so these come from
/// lineage or the operator. Consumer edges are only ever added, never removed, by seeding.</item>
/// </list>
/// </summary>
internal static class GraphSeed
{
    public static GraphChange For(DatasetManifest manifest, CertifiedViewState record, IReadOnlyList<string> consumers)
    {
        var urn = record.DatasetUrn;
        var nodes = new List<GraphNode>
        {
            new(urn, GraphLabels.BatchDataset, new Dictionary<string, string?>
            {
                ["dataset_urn"] = urn,
                ["tier"] = record.Tier,
                ["storage_format"] = record.StorageFormat,
                ["enforcement_model"] = record.EnforcementModel,
                ["runtime"] = manifest.Runtime,
                ["certification_status"] = record.CertificationStatus,
                ["certified_view_name"] = record.CertifiedViewName,
                ["bootstrap_id"] = record.BootstrapId,
                ["bootstrapped_at"] = record.LastCertifiedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            }),
        };
        var edges = new List<GraphEdge>();
        var scopes = new List<GraphEdgeScope>
        {
            new(urn, GraphLabels.Owns, GraphDirection.Incoming),
            new(urn, GraphLabels.Produces, GraphDirection.Incoming),
        };

        if (!string.IsNullOrWhiteSpace(manifest.OwnerTeam))
        {
            var team = GraphLabels.TeamId(manifest.OwnerTeam);
            nodes.Add(new GraphNode(team, GraphLabels.Team, new Dictionary<string, string?> { ["name"] = manifest.OwnerTeam }));
            edges.Add(new GraphEdge(team, urn, GraphLabels.Owns, new Dictionary<string, string?>()));
        }

        if (Job(manifest) is { } job)
        {
            nodes.Add(job);
            edges.Add(new GraphEdge(job.Id, urn, GraphLabels.Produces, new Dictionary<string, string?>()));
        }

        foreach (var consumer in consumers.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal))
        {
            var id = GraphLabels.ConsumerId(consumer);
            nodes.Add(new GraphNode(id, GraphLabels.Consumer, new Dictionary<string, string?> { ["name"] = consumer }));
            edges.Add(new GraphEdge(urn, id, GraphLabels.ConsumedBy, new Dictionary<string, string?>()));
        }

        return new GraphChange { Nodes = nodes, Edges = edges, ReplaceEdges = scopes };
    }

    private static GraphNode? Job(DatasetManifest manifest)
    {
        var lineage = manifest.OpenLineage;
        var orchestration = manifest.Orchestration;
        string id;
        if (lineage is { Enabled: true } && !string.IsNullOrWhiteSpace(lineage.Namespace) && !string.IsNullOrWhiteSpace(lineage.JobName))
        {
            id = $"job:{lineage.Namespace}/{lineage.JobName}";
        }
        else if (orchestration is not null && !string.IsNullOrWhiteSpace(orchestration.DagId))
        {
            var task = string.IsNullOrWhiteSpace(orchestration.TaskId) ? "" : "." + orchestration.TaskId;
            id = $"job:{orchestration.Platform}/{orchestration.DagId}{task}";
        }
        else
        {
            return null;
        }

        return new GraphNode(id, GraphLabels.Job, new Dictionary<string, string?>
        {
            ["platform"] = orchestration?.Platform,
            ["dag_id"] = orchestration?.DagId,
            ["task_id"] = orchestration?.TaskId,
            ["schedule"] = orchestration?.Schedule,
            ["openlineage_namespace"] = lineage?.Namespace,
            ["openlineage_job_name"] = lineage?.JobName,
        });
    }
}
