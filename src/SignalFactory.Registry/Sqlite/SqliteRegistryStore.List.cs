using System.Text;

namespace SignalFactory.Registry.Sqlite;

public sealed partial class SqliteRegistryStore
{
    /// <inheritdoc />
    public async Task<RegistryPage> ListAsync(RegistryQuery query, CancellationToken cancellationToken)
    {
        RegistryPageToken.ValidateQuery(query);
        var after = RegistryPageToken.DecodeAfter(query);

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                // Only fixed clause text is appended; every value is a parameter.
                var sql = new StringBuilder($"""
                    SELECT {DatasetColumns}
                    FROM datasets d JOIN dataset_versions v ON v.urn = d.urn AND v.version = d.latest_version
                    WHERE 1 = 1
                    """);
                AddFilter(" AND d.tier = $tier", "$tier", query.Tier);
                AddFilter(" AND d.status = $status", "$status", query.Status);
                AddFilter(" AND d.format = $format", "$format", query.Format);
                AddFilter(" AND d.owner_team = $owner_team", "$owner_team", query.OwnerTeam);
                AddFilter(" AND d.urn > $after", "$after", after);
                // One row beyond the page tells whether another page exists without a COUNT.
                sql.Append(" ORDER BY d.urn LIMIT $limit;");
                command.Parameters.AddWithValue("$limit", query.PageSize + 1);
                command.CommandText = sql.ToString();

                var items = new List<RegisteredDataset>(Math.Min(query.PageSize + 1, 256));
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        items.Add(Read(reader));
                    }
                }

                if (items.Count <= query.PageSize)
                {
                    return new RegistryPage(items, NextPageToken: null);
                }

                items.RemoveAt(items.Count - 1);
                return new RegistryPage(items, RegistryPageToken.Encode(query, items[^1].Urn));

                void AddFilter(string clause, string name, string? value)
                {
                    if (value is not null)
                    {
                        sql.Append(clause);
                        command.Parameters.AddWithValue(name, value);
                    }
                }
            }
        }
    }
}
