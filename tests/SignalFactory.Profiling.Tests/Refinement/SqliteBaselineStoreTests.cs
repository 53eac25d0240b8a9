using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using SignalFactory.Profiling.Refinement;
using SignalFactory.Profiling.Synthetic;
using SignalFactory.Registry.Sqlite;

namespace SignalFactory.Profiling.Tests.Refinement;

/// <summary>The compliance suite on a SQLite file per test, plus SQLite-specific checks.</summary>
public sealed class SqliteBaselineStoreTests : BaselineStoreCompliance
{
    private readonly TempFolder _temp = new();

    private string DatabasePath => Path.Combine(_temp.Path, "state.db");

    protected override async Task CreateBackendAsync()
        => await SqliteMigrator.ApplyAsync(DatabasePath, BaselineMigrations.All, Ct);

    protected override Task DropBackendAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    protected override IBaselineStore OpenStore(TimeProvider timeProvider, Meter? meter = null)
        => new SqliteBaselineStore(DatabasePath, timeProvider, meter ?? Metrics.Meter);

    [Fact]
    public void BaselineMigrations_All_UseOnlyTheBaselineNumberRange()
    {
        Assert.All(BaselineMigrations.All, m => Assert.InRange(m.Number, 200, 299));
    }

    [Fact]
    public async Task RecordRunAsync_DatabaseReopenedMidway_RefinesFromRunsOfBothSessions()
    {
        await new SqliteBaselineStore(DatabasePath, Clock).SaveFromBaselineAsync(
            new SyntheticBaselineGenerator(Clock).Generate("ds://raw/orders", "TIER_2", "boot-1", "NO_HISTORY"), Ct);
        long[] counts = [100_000, 104_000, 97_000, 110_000, 95_000, 102_000, 108_000];
        var before = new BaselineAutoRefiner(new SqliteBaselineStore(DatabasePath, Clock), Clock);
        foreach (var count in counts.Take(4))
        {
            await before.RecordRunAsync("ds://raw/orders", new RunMetrics { RowCount = count }, Ct);
        }

        SqliteConnection.ClearAllPools();
        var after = new BaselineAutoRefiner(new SqliteBaselineStore(DatabasePath, Clock), Clock);
        RunRecordResult? last = null;
        foreach (var count in counts.Skip(4))
        {
            last = await after.RecordRunAsync("ds://raw/orders", new RunMetrics { RowCount = count }, Ct);
        }

        Assert.Equal(RunRecordOutcome.Refined, last!.Outcome);
        var (mean, sd) = (HandStats.Mean(counts), HandStats.SampleStdDev(counts));
        Assert.Equal(((long)Math.Floor(mean - (2 * sd)), (long)Math.Ceiling(mean + (2 * sd))), (last.Baseline.Volume.AnomalyLowerBound, last.Baseline.Volume.AnomalyUpperBound));
        Assert.Equal("HIGH", last.Baseline.VolumeRecord.Confidence);
    }

    [Fact]
    public async Task RecordRunAsync_CorruptRunInWindow_SkipsRefinementAndFlagsForReview()
    {
        await new SqliteBaselineStore(DatabasePath, Clock).SaveFromBaselineAsync(
            new SyntheticBaselineGenerator(Clock).Generate("ds://raw/orders", "TIER_2", "boot-1", "NO_HISTORY"), Ct);
        var refiner = new BaselineAutoRefiner(Store, Clock, meter: Metrics.Meter);
        for (var i = 0; i < 6; i++)
        {
            await refiner.RecordRunAsync("ds://raw/orders", new RunMetrics { RowCount = 1_000 + i }, Ct);
        }

        await ExecuteAsync("UPDATE run_history SET null_rates = '{\"email\": \"lots\"}' WHERE sequence = 3;");
        var state = (await Store.GetAsync("ds://raw/orders", Ct))!;
        Assert.Equal([3L], state.RunHistory.Where(r => r.IsCorrupt).Select(r => r.Sequence));

        var seventh = await refiner.RecordRunAsync("ds://raw/orders", new RunMetrics { RowCount = 1_010 }, Ct);

        Assert.Equal(RunRecordOutcome.Flagged, seventh.Outcome);
        Assert.Equal(ReviewReasons.CorruptRunHistory, seventh.Refinement!.ReviewReason);
        Assert.True(seventh.Baseline.IsSynthetic);
        Assert.Equal((true, ReviewReasons.CorruptRunHistory), (seventh.Baseline.FlaggedForReview, seventh.Baseline.VolumeRecord.ReviewReason));
    }

    [Fact]
    public async Task Constructor_MissingDatabaseFile_FailsOnUseWithoutCreatingIt()
    {
        var missing = Path.Combine(_temp.Path, "nope", "state.db");

        await Assert.ThrowsAsync<SqliteException>(() => new SqliteBaselineStore(missing, Clock).GetAsync("ds://raw/a", Ct));

        Assert.False(File.Exists(missing));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
