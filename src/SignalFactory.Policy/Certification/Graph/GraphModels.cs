namespace SignalFactory.Policy.Certification.Graph;

/// <summary>The node and edge labels the certifier writes (the seed's Neptune vocabulary).</summary>
public static class GraphLabels
{
    /// <summary>A dataset; id = its URN.</summary>
    public const string BatchDataset = "BatchDataset";

    /// <summary>An owning team; id = <c>team:{owner_team}</c>.</summary>
    public const string Team = "Team";

    /// <summary>The job that writes a dataset; id = <c>job:{namespace}/{job_name}</c> or <c>job:{platform}/{dag_id}.{task_id}</c>.</summary>
    public const string Job = "Job";

    /// <summary>A downstream consumer; id = <c>consumer:{name}</c>.</summary>
    public const string Consumer = "Consumer";

    /// <summary>Edge team → dataset.</summary>
    public const string Owns = "OWNS";

    /// <summary>Edge job → dataset.</summary>
    public const string Produces = "PRODUCES";

    /// <summary>Edge dataset → consumer.</summary>
    public const string ConsumedBy = "CONSUMED_BY";

    /// <summary>The id of a team's node.</summary>
    public static string TeamId(string team) => "team:" + team;

    /// <summary>The id of a consumer's node.</summary>
    public static string ConsumerId(string consumer) => "consumer:" + consumer;
}

/// <summary>
/// A graph node: a unique id, a label and string properties. <see cref="CreatedAt"/>/<see cref="UpdatedAt"/> are set
/// by the store (ignored on write).
/// </summary>
public sealed record GraphNode(string Id, string Label, IReadOnlyDictionary<string, string?> Properties)
{
    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// A directed, labelled edge; one per (from, label, to). <see cref="CreatedAt"/> is when the edge first appeared
/// (the seed's OWNS <c>since</c>), kept across upserts.
/// </summary>
public sealed record GraphEdge(string FromId, string ToId, string Label, IReadOnlyDictionary<string, string?> Properties)
{
    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>Which edges of a node a query or a replacement covers.</summary>
public enum GraphDirection
{
    /// <summary>Edges leaving the node.</summary>
    Outgoing,

    /// <summary>Edges arriving at the node.</summary>
    Incoming,

    /// <summary>Both.</summary>
    Both,
}

/// <summary>
/// Edges of one node and label that a change owns: after the change, the node has exactly the change's edges of that
/// label in that direction (others are removed). Used so that a new owner team replaces the old OWNS edge.
/// </summary>
public sealed record GraphEdgeScope(string NodeId, string EdgeLabel, GraphDirection Direction);

/// <summary>An idempotent batch of writes: nodes and edges upserted, scoped edges replaced, all in one transaction.</summary>
public sealed record GraphChange
{
    public IReadOnlyList<GraphNode> Nodes { get; init; } = [];

    public IReadOnlyList<GraphEdge> Edges { get; init; } = [];

    public IReadOnlyList<GraphEdgeScope> ReplaceEdges { get; init; } = [];
}

/// <summary>
/// A read: start from one node (<see cref="NodeId"/>) or every node with a label (<see cref="NodeLabel"/>), and
/// follow its edges in <see cref="Direction"/>, optionally only those labelled <see cref="EdgeLabel"/>.
/// </summary>
public sealed record GraphQuery
{
    public string? NodeId { get; init; }

    public string? NodeLabel { get; init; }

    public string? EdgeLabel { get; init; }

    public GraphDirection Direction { get; init; } = GraphDirection.Both;
}

/// <summary>The start nodes, the edges followed (ordered by label, from, to) and the nodes at their other ends.</summary>
public sealed record GraphQueryResult(
    IReadOnlyList<GraphNode> Nodes,
    IReadOnlyList<GraphEdge> Edges,
    IReadOnlyList<GraphNode> Neighbors);

/// <summary>
/// The lineage/ownership graph (Neptune in the seed; tables in the state store here). Every write is an idempotent
/// upsert.
/// </summary>
public interface IGraphStore
{
    /// <summary>Applies the change in one transaction.</summary>
    /// <exception cref="ArgumentException">An edge names a node that neither exists nor is in the change.</exception>
    Task ApplyAsync(GraphChange change, CancellationToken ct);

    /// <summary>One node, or null.</summary>
    Task<GraphNode?> GetNodeAsync(string id, CancellationToken ct);

    /// <summary>Nodes and their edges; see <see cref="GraphQuery"/>.</summary>
    /// <exception cref="ArgumentException">Neither or both of <see cref="GraphQuery.NodeId"/> and <see cref="GraphQuery.NodeLabel"/> are set.</exception>
    Task<GraphQueryResult> QueryAsync(GraphQuery query, CancellationToken ct);
}
