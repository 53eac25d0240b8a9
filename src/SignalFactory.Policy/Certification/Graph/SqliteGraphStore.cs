using System.Text.Json;
using Microsoft.Data.Sqlite;
using SignalFactory.Policy.Certification.Store;
using static SignalFactory.Policy.Certification.Store.CertificationSqlite;

namespace SignalFactory.Policy.Certification.Graph;

/// <summary>
/// <see cref="IGraphStore"/> on the workspace's SQLite file (<c>graph_nodes</c>, <c>graph_edges</c>; see
/// <see cref="CertificationMigrations"/>). Ids, labels and properties are bound parameters, never query text.
/// An upsert that changes nothing leaves <c>updated_at</c> alone.
/// </summary>
public sealed class SqliteGraphStore : IGraphStore
{
    private const int ConstraintViolation = 19;

    private const string NodeColumns = "id, label, properties, created_at, updated_at";

    private readonly string _databasePath;
    private readonly TimeProvider _time;

    /// <summary>A store over an existing, migrated database file.</summary>
    public SqliteGraphStore(string databasePath, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _databasePath = databasePath;
        _time = timeProvider;
    }

    /// <inheritdoc />
    public async Task ApplyAsync(GraphChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        var now = Format(_time.GetUtcNow());
        var connection = await OpenAsync(_databasePath, ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection.BeginTransaction(deferred: false);
            await using (transaction.ConfigureAwait(false))
            {
                try
                {
                    foreach (var node in change.Nodes)
                    {
                        await ExecuteAsync(connection, transaction, """
                            INSERT INTO graph_nodes (id, label, properties, created_at, updated_at) VALUES ($a, $b, $props, $now, $now)
                            ON CONFLICT (id) DO UPDATE SET label = excluded.label, properties = excluded.properties, updated_at = excluded.updated_at
                            WHERE graph_nodes.label IS NOT excluded.label OR graph_nodes.properties IS NOT excluded.properties;
                            """, node.Id, node.Label, Json(node.Properties), now, ct).ConfigureAwait(false);
                    }

                    foreach (var edge in change.Edges)
                    {
                        await ExecuteAsync(connection, transaction, """
                            INSERT INTO graph_edges (from_id, to_id, label, properties, created_at, updated_at) VALUES ($a, $b, $c, $props, $now, $now)
                            ON CONFLICT (from_id, label, to_id) DO UPDATE SET properties = excluded.properties, updated_at = excluded.updated_at
                            WHERE graph_edges.properties IS NOT excluded.properties;
                            """, edge.FromId, edge.ToId, Json(edge.Properties), now, ct, edge.Label).ConfigureAwait(false);
                    }

                    foreach (var scope in change.ReplaceEdges)
                    {
                        await ReplaceAsync(connection, transaction, scope, change.Edges, ct).ConfigureAwait(false);
                    }
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == ConstraintViolation)
                {
                    throw new ArgumentException($"The graph change refers to a node that does not exist ({ex.Message}).", nameof(change), ex);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task<GraphNode?> GetNodeAsync(string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(id);
        var connection = await OpenAsync(_databasePath, ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var nodes = await NodesAsync(connection, $"SELECT {NodeColumns} FROM graph_nodes WHERE id = $id;", id, null, ct).ConfigureAwait(false);
            return nodes.Count == 0 ? null : nodes[0];
        }
    }

    /// <inheritdoc />
    public async Task<GraphQueryResult> QueryAsync(GraphQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if ((query.NodeId is null) == (query.NodeLabel is null))
        {
            throw new ArgumentException("A graph query starts from a node id or from a node label (exactly one of them).", nameof(query));
        }

        var connection = await OpenAsync(_databasePath, ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            const string Start = "SELECT id FROM graph_nodes WHERE ($id IS NULL OR id = $id) AND ($label IS NULL OR label = $label)";
            var nodes = await NodesAsync(connection, $"SELECT {NodeColumns} FROM graph_nodes WHERE id IN ({Start}) ORDER BY id;",
                query.NodeId, query.NodeLabel, ct).ConfigureAwait(false);
            var edges = new List<GraphEdge>();
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = $"""
                    SELECT from_id, to_id, label, properties, created_at, updated_at FROM graph_edges
                    WHERE ($edge IS NULL OR label = $edge)
                      AND (($out = 1 AND from_id IN ({Start})) OR ($in = 1 AND to_id IN ({Start})))
                    ORDER BY label, from_id, to_id;
                    """;
                command.Parameters.AddWithValue("$id", OrNull(query.NodeId));
                command.Parameters.AddWithValue("$label", OrNull(query.NodeLabel));
                command.Parameters.AddWithValue("$edge", OrNull(query.EdgeLabel));
                command.Parameters.AddWithValue("$out", query.Direction is GraphDirection.Outgoing or GraphDirection.Both ? 1 : 0);
                command.Parameters.AddWithValue("$in", query.Direction is GraphDirection.Incoming or GraphDirection.Both ? 1 : 0);
                var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        edges.Add(new GraphEdge(reader.GetString(0), reader.GetString(1), reader.GetString(2), Properties(reader.GetString(3)))
                        {
                            CreatedAt = Parse(reader.GetString(4)),
                            UpdatedAt = Parse(reader.GetString(5)),
                        });
                    }
                }
            }

            var startIds = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
            var neighborIds = edges.SelectMany(e => new[] { e.FromId, e.ToId }).Where(id => !startIds.Contains(id)).ToHashSet(StringComparer.Ordinal);
            var neighbors = new List<GraphNode>();
            foreach (var id in neighborIds.Order(StringComparer.Ordinal))
            {
                neighbors.AddRange(await NodesAsync(connection, $"SELECT {NodeColumns} FROM graph_nodes WHERE id = $id;", id, null, ct).ConfigureAwait(false));
            }

            return new GraphQueryResult(nodes, edges, neighbors);
        }
    }

    private static async Task ReplaceAsync(
        SqliteConnection connection, SqliteTransaction transaction, GraphEdgeScope scope, IReadOnlyList<GraphEdge> edges, CancellationToken ct)
    {
        // The change's edges in the scope, as [from, to] pairs in one JSON array parameter, unnested by SQLite.
        var keep = edges
            .Where(e => e.Label == scope.EdgeLabel && (
                (scope.Direction != GraphDirection.Incoming && e.FromId == scope.NodeId)
                || (scope.Direction != GraphDirection.Outgoing && e.ToId == scope.NodeId)))
            .Select(e => new[] { e.FromId, e.ToId })
            .ToList();
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = """
                DELETE FROM graph_edges
                WHERE label = $label
                  AND (($out = 1 AND from_id = $node) OR ($in = 1 AND to_id = $node))
                  AND NOT EXISTS (SELECT 1 FROM json_each($keep) AS k
                                  WHERE k.value ->> 0 = graph_edges.from_id AND k.value ->> 1 = graph_edges.to_id);
                """;
            command.Parameters.AddWithValue("$label", scope.EdgeLabel);
            command.Parameters.AddWithValue("$node", scope.NodeId);
            command.Parameters.AddWithValue("$out", scope.Direction is GraphDirection.Outgoing or GraphDirection.Both ? 1 : 0);
            command.Parameters.AddWithValue("$in", scope.Direction is GraphDirection.Incoming or GraphDirection.Both ? 1 : 0);
            command.Parameters.AddWithValue("$keep", JsonSerializer.Serialize(keep));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction transaction, string sql, string a, string b, string properties, string now,
        CancellationToken ct, string? c = null)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$a", a);
            command.Parameters.AddWithValue("$b", b);
            command.Parameters.AddWithValue("$c", OrNull(c));
            command.Parameters.AddWithValue("$props", properties);
            command.Parameters.AddWithValue("$now", now);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task<List<GraphNode>> NodesAsync(SqliteConnection connection, string sql, string? id, string? label, CancellationToken ct)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", OrNull(id));
            command.Parameters.AddWithValue("$label", OrNull(label));
            var nodes = new List<GraphNode>();
            var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    nodes.Add(new GraphNode(reader.GetString(0), reader.GetString(1), Properties(reader.GetString(2)))
                    {
                        CreatedAt = Parse(reader.GetString(3)),
                        UpdatedAt = Parse(reader.GetString(4)),
                    });
                }
            }

            return nodes;
        }
    }

    // Keys sorted so that equal properties give equal text (and an unchanged upsert is recognised as one).
    private static string Json(IReadOnlyDictionary<string, string?> properties) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string?>(
            properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal));

    private static Dictionary<string, string?> Properties(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? [];
}
