using System.Collections.Frozen;
using System.Globalization;
using SignalFactory.Core.Scheduling;
using SignalFactory.Core.Text;
using SignalFactory.Orchestration.Outbox;
using SignalFactory.Orchestration.Settings;
using SignalFactory.Orchestration.Sqlite;

namespace SignalFactory.Orchestration.Store;

/// <summary>
/// Per-workspace orchestrator settings (<c>sf config set/get</c>), stored in the <c>settings</c> table. Only the keys
/// in <see cref="Keys"/> are accepted; a value is checked before it is stored.
/// </summary>
public sealed class WorkspaceSettings
{
    /// <summary>Tier-3 auto-approval cooling period (a duration such as <c>48h</c> or <c>0h</c>).</summary>
    public const string Tier3CoolingPeriod = "approval.tier3_cooling_period";

    /// <summary>Maximum bootstraps in progress at once.</summary>
    public const string MaxParallelBootstraps = "concurrency.max_parallel_bootstraps";

    /// <summary>Maximum profiling jobs at once.</summary>
    public const string MaxProfilingJobs = "concurrency.max_profiling_jobs";

    /// <summary>Webhook that receives outbox events (an http/https URL; empty: off).</summary>
    public const string NotifyWebhookUrl = "notify.webhook_url";

    /// <summary>JSON-lines file that receives outbox events (relative to the workspace folder; empty: off).</summary>
    public const string NotifyJsonLinesPath = "notify.jsonl_path";

    /// <summary>How often a CERT_DEFERRED bootstrap probes its gold table for the first write (a positive duration, e.g. <c>5m</c>).</summary>
    public const string FirstWritePoll = "certification.first_write_poll";

    /// <summary>Maximum Tier-1 bootstraps in progress at once.</summary>
    public const string Tier1Limit = "concurrency.tier_1";

    /// <summary>Maximum Tier-2 bootstraps in progress at once.</summary>
    public const string Tier2Limit = "concurrency.tier_2";

    /// <summary>Maximum Tier-3 bootstraps in progress at once.</summary>
    public const string Tier3Limit = "concurrency.tier_3";

    /// <summary>
    /// DuckDB memory limit of a bootstrap's profiling (a memory size such as <c>1GB</c>, <c>512MB</c> or <c>2GiB</c>,
    /// the grammar of <c>sf profile --memory-limit</c>).
    /// </summary>
    public const string ProfilingMemoryLimit = "profiling.memory_limit";

    /// <summary>The profiling memory limit when none is set: the profiler's own default.</summary>
    public const string DefaultProfilingMemoryLimit = MemorySizes.DefaultLimit;

    private static readonly FrozenDictionary<string, (Func<OrchestratorSettings, string> Default, Func<string, string?> Check)> _keys =
        new Dictionary<string, (Func<OrchestratorSettings, string>, Func<string, string?>)>
        {
            [Tier3CoolingPeriod] = (s => DurationParser.Format(s.Tier3.Approval), CheckDuration),
            [MaxParallelBootstraps] = (s => s.Concurrency.MaxParallelBootstraps.ToString(CultureInfo.InvariantCulture), CheckPositive),
            [MaxProfilingJobs] = (s => s.Concurrency.MaxProfilingJobs.ToString(CultureInfo.InvariantCulture), CheckPositive),
            [NotifyWebhookUrl] = (_ => string.Empty, NotificationSettings.CheckWebhookUrl),
            [NotifyJsonLinesPath] = (_ => string.Empty, NotificationSettings.CheckJsonLinesPath),
            [FirstWritePoll] = (s => DurationParser.Format(s.FirstWritePoll), CheckPositiveDuration),
            [Tier1Limit] = (s => s.Concurrency.Tier1.ToString(CultureInfo.InvariantCulture), CheckPositive),
            [Tier2Limit] = (s => s.Concurrency.Tier2.ToString(CultureInfo.InvariantCulture), CheckPositive),
            [Tier3Limit] = (s => s.Concurrency.Tier3.ToString(CultureInfo.InvariantCulture), CheckPositive),
            [ProfilingMemoryLimit] = (_ => DefaultProfilingMemoryLimit, CheckMemoryLimit),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly string _databasePath;
    private readonly TimeProvider _timeProvider;

    /// <summary>Settings of the workspace database at <paramref name="databasePath"/>.</summary>
    public WorkspaceSettings(string databasePath, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _databasePath = databasePath;
        _timeProvider = timeProvider;
    }

    /// <summary>The keys that may be set, in order.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. _keys.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The stored value of <paramref name="key"/>, or its default when unset.</summary>
    /// <exception cref="ArgumentException">Unknown key.</exception>
    public async Task<(string Value, bool IsDefault)> GetAsync(string key, CancellationToken cancellationToken)
    {
        var entry = Known(key);
        var stored = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        return stored.TryGetValue(key, out var value) ? (value, false) : (entry.Default(OrchestratorSettings.Default), true);
    }

    /// <summary>Stores <paramref name="value"/> for <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">Unknown key or invalid value; nothing is stored.</exception>
    public async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var entry = Known(key);
        value = value.Trim();
        if (entry.Check(value) is { } problem)
        {
            throw new ArgumentException($"{key}: {problem}", nameof(value));
        }

        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = OrchestrationSqlite.Command(connection, null, """
                INSERT INTO settings (key, value, updated_at) VALUES ($key, $value, $now)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
                """);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("$key", key);
                command.Parameters.AddWithValue("$value", value.Trim());
                command.Parameters.AddWithValue("$now", SqliteBootstrapStore.FormatTime(_timeProvider.GetUtcNow()));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The orchestrator settings: <paramref name="baseSettings"/> with the stored values applied.</summary>
    public async Task<OrchestratorSettings> ResolveAsync(OrchestratorSettings baseSettings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseSettings);
        var stored = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var settings = baseSettings;
        if (stored.TryGetValue(Tier3CoolingPeriod, out var cooling))
        {
            settings = settings with { Tier3 = settings.Tier3 with { Approval = DurationParser.Parse(cooling) } };
        }

        if (stored.TryGetValue(FirstWritePoll, out var poll))
        {
            settings = settings with { FirstWritePoll = DurationParser.Parse(poll) };
        }

        return settings with { Concurrency = ApplyConcurrency(settings.Concurrency, stored) };
    }

    /// <summary>
    /// <paramref name="limits"/> with the stored <c>concurrency.*</c> values applied. Workers call this at every claim,
    /// so <c>sf config set</c> takes effect on running workers. A value that is not a positive whole number (only
    /// possible by editing the database by hand) is ignored.
    /// </summary>
    internal static ConcurrencyLimits ApplyConcurrency(ConcurrencyLimits limits, IReadOnlyDictionary<string, string> stored)
    {
        int Value(string key, int current) =>
            stored.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1
                ? number
                : current;

        return limits with
        {
            MaxParallelBootstraps = Value(MaxParallelBootstraps, limits.MaxParallelBootstraps),
            MaxProfilingJobs = Value(MaxProfilingJobs, limits.MaxProfilingJobs),
            Tier1 = Value(Tier1Limit, limits.Tier1),
            Tier2 = Value(Tier2Limit, limits.Tier2),
            Tier3 = Value(Tier3Limit, limits.Tier3),
        };
    }

    /// <summary>The configured outbox sinks.</summary>
    public async Task<NotificationSettings> ResolveNotificationsAsync(CancellationToken cancellationToken)
    {
        var stored = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        return NotificationSettings.From(stored.GetValueOrDefault(NotifyWebhookUrl), stored.GetValueOrDefault(NotifyJsonLinesPath));
    }

    /// <summary>
    /// The DuckDB memory limit for a bootstrap's profiling: the stored <c>profiling.memory_limit</c>, or
    /// <see cref="DefaultProfilingMemoryLimit"/> when unset (or not a memory size, only possible by editing the database by hand).
    /// Read at every profiling step, so <c>sf config set</c> takes effect on running workers.
    /// </summary>
    public async Task<string> ResolveProfilingMemoryLimitAsync(CancellationToken cancellationToken)
    {
        var stored = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
        return stored.TryGetValue(ProfilingMemoryLimit, out var value) && CheckMemoryLimit(value) is null ? value.Trim() : DefaultProfilingMemoryLimit;
    }

    private static (Func<OrchestratorSettings, string> Default, Func<string, string?> Check) Known(string key) =>
        _keys.TryGetValue(key, out var entry)
            ? entry
            : throw new ArgumentException($"unknown setting '{key}'; known: {string.Join(", ", Keys)}", nameof(key));

    private static string? CheckDuration(string value) =>
        DurationParser.TryParse(value, out var duration, out var error) ? duration < TimeSpan.Zero ? "must not be negative" : null : error;

    private static string? CheckPositiveDuration(string value) =>
        DurationParser.TryParse(value, out var duration, out var error) ? duration <= TimeSpan.Zero ? "must be positive" : null : error;

    private static string? CheckPositive(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 ? null : $"'{value}' must be a whole number of 1 or more (e.g. 5)";

    private static string? CheckMemoryLimit(string value) =>
        MemorySizes.IsValid(value) ? null : $"'{value}' is not a memory size; write e.g. 512MB, 1GB or 2GiB";

    private async Task<Dictionary<string, string>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var connection = await OrchestrationSqlite.OpenAsync(_databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = OrchestrationSqlite.Command(connection, null, "SELECT key, value FROM settings;");
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var values = new Dictionary<string, string>(StringComparer.Ordinal);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        values[reader.GetString(0)] = reader.GetString(1);
                    }

                    return values;
                }
            }
        }
    }
}
