using Microsoft.Data.Sqlite;

namespace SignalFactory.Registry.Sqlite;

public sealed partial class SqliteRegistryStore
{
    /// <inheritdoc cref="IRegistryStore.RegisterAsync(IReadOnlyList{RegistrationRequest}, CancellationToken)" />
    public Task<IReadOnlyList<RegistrationResult>> RegisterAsync(IReadOnlyList<RegistrationRequest> requests, CancellationToken cancellationToken)
        => RegisterAsync(requests, beforeCommit: null, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RegistrationResult>> RegisterAsync(
        IReadOnlyList<RegistrationRequest> requests,
        RegistrationCommitHook? beforeCommit,
        CancellationToken cancellationToken)
    {
        RegistrationRequestValidation.Validate(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // IMMEDIATE takes the write lock before reading the latest version, so a concurrent writer of the same
            // URN waits (busy timeout) and then reads our committed version: no duplicate, no lost version.
            var transaction = connection.BeginTransaction(deferred: false);
            await using (transaction.ConfigureAwait(false))
            {
                var now = FormatTimestamp(_time.GetUtcNow());
                var results = new List<RegistrationResult>(requests.Count);
                foreach (var request in requests)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    results.Add(await RegisterOneAsync(connection, transaction, request, now, cancellationToken).ConfigureAwait(false));
                }

                if (beforeCommit is not null)
                {
                    await beforeCommit(results, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return results;
            }
        }
    }

    private static async Task<RegistrationResult> RegisterOneAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        RegistrationRequest request,
        string now,
        CancellationToken cancellationToken)
    {
        var current = await GetAsync(connection, transaction, request.Urn, null, cancellationToken).ConfigureAwait(false);
        if (current is not null && string.Equals(current.ContentHash, request.ContentHash, StringComparison.Ordinal))
        {
            return new RegistrationResult(current, RegistrationOutcome.Unchanged);
        }

        var version = (current?.Version ?? 0) + 1;
        await ExecuteAsync(connection, transaction, InsertVersionSql, request, version, now, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, current is null ? InsertDatasetSql : UpdateDatasetSql, request, version, now, cancellationToken)
            .ConfigureAwait(false);

        var registered = await GetAsync(connection, transaction, request.Urn, null, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("A dataset row written in this transaction could not be read back.");
        return new RegistrationResult(registered, current is null ? RegistrationOutcome.Created : RegistrationOutcome.NewVersion);
    }

    private const string InsertVersionSql = """
        INSERT INTO dataset_versions (urn, version, tier, format, runtime, enforcement_model, owner_team,
            registered_by, registered_at, content_hash, yaml_content)
        VALUES ($urn, $version, $tier, $format, $runtime, $enforcement_model, $owner_team,
            $registered_by, $now, $content_hash, $yaml_content);
        """;

    // A new URN starts REGISTERED (DatasetStatus.Registered, the literal the CHECK constraint allows).
    private const string InsertDatasetSql = """
        INSERT INTO datasets (urn, latest_version, tier, format, owner_team, status, bootstrap_id, updated_at)
        VALUES ($urn, $version, $tier, $format, $owner_team, 'REGISTERED', NULL, $now);
        """;

    // A new version keeps the dataset's status and bootstrap id.
    private const string UpdateDatasetSql = """
        UPDATE datasets SET latest_version = $version, tier = $tier, format = $format, owner_team = $owner_team,
            updated_at = $now
        WHERE urn = $urn;
        """;

    private static async Task ExecuteAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string sql,
        RegistrationRequest request,
        int version,
        string now,
        CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = sql;
            // Every statement above draws from this one set; SQLite ignores the ones a statement does not use.
            command.Parameters.AddWithValue("$urn", request.Urn);
            command.Parameters.AddWithValue("$version", version);
            command.Parameters.AddWithValue("$tier", request.Tier);
            command.Parameters.AddWithValue("$format", request.Format);
            command.Parameters.AddWithValue("$runtime", request.Runtime);
            command.Parameters.AddWithValue("$enforcement_model", (object?)request.EnforcementModel ?? DBNull.Value);
            command.Parameters.AddWithValue("$owner_team", request.OwnerTeam);
            command.Parameters.AddWithValue("$registered_by", request.RegisteredBy);
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$content_hash", request.ContentHash);
            command.Parameters.AddWithValue("$yaml_content", request.YamlContent);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
