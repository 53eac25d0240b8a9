using System.Text.Json;
using SignalFactory.Examples.Lake;

namespace SignalFactory.Examples.Tests.Lake;

[Collection(LakeCollection.Name)]
public sealed class DeltaLogTests(LakeFixture lake)
{
    [Fact]
    public void DeltaLog_Replayed_VersionsAreContiguousFromZero()
    {
        var replay = DeltaLogReplay.Read(lake.OrdersDirectory);

        // Version 0 creates the table, then one commit per day and one partition rewrite.
        Assert.Equal(Enumerable.Range(0, LakeFixture.Days + 2).Select(v => (long)v), replay.Commits.Keys);
    }

    [Fact]
    public void DeltaLog_VersionZero_HoldsProtocolMetadataAndCommitInfo()
    {
        var first = DeltaLogReplay.Read(lake.OrdersDirectory).Commits[0];

        var protocol = Assert.Single(first, a => a.TryGetProperty("protocol", out _)).GetProperty("protocol");
        Assert.Equal(1, protocol.GetProperty("minReaderVersion").GetInt32());
        Assert.Equal(2, protocol.GetProperty("minWriterVersion").GetInt32());
        var metadata = Assert.Single(first, a => a.TryGetProperty("metaData", out _)).GetProperty("metaData");
        Assert.Equal("parquet", metadata.GetProperty("format").GetProperty("provider").GetString());
        Assert.Equal(["dt"], metadata.GetProperty("partitionColumns").EnumerateArray().Select(e => e.GetString()));
        Assert.True(Guid.TryParse(metadata.GetProperty("id").GetString(), out _));
        Assert.Single(first, a => a.TryGetProperty("commitInfo", out _));
        Assert.DoesNotContain(first, a => a.TryGetProperty("add", out _));
    }

    [Fact]
    public void DeltaLog_SchemaString_DeclaresSparkTypes()
    {
        var metadata = DeltaLogReplay.Read(lake.OrdersDirectory).Commits[0]
            .Single(a => a.TryGetProperty("metaData", out _)).GetProperty("metaData");
        using var schema = JsonDocument.Parse(metadata.GetProperty("schemaString").GetString()!);
        var types = schema.RootElement.GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("type").GetString());

        Assert.Equal("struct", schema.RootElement.GetProperty("type").GetString());
        Assert.Equal("long", types["order_id"]);
        Assert.Equal("integer", types["customer_id"]);
        Assert.Equal("string", types["customer_email"]);
        Assert.Equal("decimal(12,2)", types["order_total"]);
        Assert.Equal("double", types["discount_pct"]);
        Assert.Equal("boolean", types["is_gift"]);
        Assert.Equal("date", types["order_date"]);
        Assert.Equal("timestamp", types["created_at"]);
        Assert.Equal("string", types["dt"]);
        Assert.Equal(18, types.Count);
    }

    [Fact]
    public void DeltaLog_ActiveFiles_ExistWithTheLoggedSizeAndPartitionFolder()
    {
        var replay = DeltaLogReplay.Read(lake.OrdersDirectory);

        Assert.Equal(LakeFixture.Days * 2, replay.Active.Count);
        foreach (var (path, add) in replay.Active)
        {
            var local = DeltaLogReplay.LocalPath(lake.OrdersDirectory, path);
            Assert.True(File.Exists(local), $"active file missing: {path}");
            Assert.Equal(new FileInfo(local).Length, add.GetProperty("size").GetInt64());
            var dt = add.GetProperty("partitionValues").GetProperty("dt").GetString();
            Assert.StartsWith($"dt={dt}/", path, StringComparison.Ordinal);
            Assert.Equal(add.GetProperty("modificationTime").GetInt64(),
                new DateTimeOffset(File.GetLastWriteTimeUtc(local)).ToUnixTimeMilliseconds());
        }
    }

    [Fact]
    public void DeltaLog_StatsNumRecords_EqualsRowsDuckDbCountsInEachFile()
    {
        var replay = DeltaLogReplay.Read(lake.OrdersDirectory);

        foreach (var (path, add) in replay.Active)
        {
            using var stats = JsonDocument.Parse(add.GetProperty("stats").GetString()!);
            var counted = LakeFixture.Scalar("SELECT count(*) FROM read_parquet($1)", DeltaLogReplay.LocalPath(lake.OrdersDirectory, path));
            Assert.Equal(counted, stats.RootElement.GetProperty("numRecords").GetInt64());
        }
    }

    [Fact]
    public void DeltaLog_StatsNullCounts_EqualNullsDuckDbCountsInEachFile()
    {
        var replay = DeltaLogReplay.Read(lake.OrdersDirectory);
        var (path, add) = replay.Active.First();
        using var stats = JsonDocument.Parse(add.GetProperty("stats").GetString()!);
        var nullCount = stats.RootElement.GetProperty("nullCount");
        var file = DeltaLogReplay.LocalPath(lake.OrdersDirectory, path);

        Assert.Equal(LakeFixture.Scalar("SELECT count(*) - count(discount_pct) FROM read_parquet($1)", file),
            nullCount.GetProperty("discount_pct").GetInt64());
        Assert.Equal(LakeFixture.Scalar("SELECT count(*) - count(notes) FROM read_parquet($1)", file),
            nullCount.GetProperty("notes").GetInt64());
        Assert.Equal(0, nullCount.GetProperty("order_id").GetInt64());
        Assert.Equal(LakeFixture.Scalar("SELECT min(order_id) FROM read_parquet($1)", file),
            stats.RootElement.GetProperty("minValues").GetProperty("order_id").GetInt64());
    }

    [Fact]
    public void DeltaLog_EachPartition_HoldsRowsPerPartitionInItsActiveFiles()
    {
        var replay = DeltaLogReplay.Read(lake.OrdersDirectory);
        var byPartition = replay.Active
            .GroupBy(a => a.Value.GetProperty("partitionValues").GetProperty("dt").GetString())
            .ToDictionary(g => g.Key!, g => g.Sum(a => LakeFixture.Scalar(
                "SELECT count(*) FROM read_parquet($1)", DeltaLogReplay.LocalPath(lake.OrdersDirectory, a.Key))));

        Assert.Equal(LakeFixture.Days, byPartition.Count);
        Assert.All(byPartition.Values, rows => Assert.Equal(LakeFixture.RowsPerPartition, rows));
        Assert.Equal("2026-11-01", byPartition.Keys.Max());
        Assert.Equal("2026-10-21", byPartition.Keys.Min());
    }

    [Fact]
    public void DeltaLog_Rewrite_RemovesFilesThatStayOnDiskButAreNotActive()
    {
        var replay = DeltaLogReplay.Read(lake.OrdersDirectory);

        Assert.NotEmpty(replay.Removed);
        foreach (var (path, remove) in replay.Removed)
        {
            Assert.DoesNotContain(path, replay.Active.Keys);
            Assert.True(remove.GetProperty("deletionTimestamp").GetInt64() > 0);
            Assert.True(File.Exists(DeltaLogReplay.LocalPath(lake.OrdersDirectory, path)), "removed files stay until vacuum");
        }

        // Every parquet file on disk is either active or a tombstone: the log explains the folder.
        var onDisk = Directory.GetFiles(lake.OrdersDirectory, "*.parquet", SearchOption.AllDirectories)
            .Where(f => !f.Contains("_delta_log", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(lake.OrdersDirectory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(replay.Active.Keys.Concat(replay.Removed.Keys).Order(StringComparer.Ordinal), onDisk);
    }

    [Fact]
    public void DeltaLog_CommitInfo_TimestampsIncreaseAndWritesCarryMetrics()
    {
        var replay = DeltaLogReplay.Read(lake.OrdersDirectory);
        var infos = replay.Commits.Values
            .Select(c => c.Single(a => a.TryGetProperty("commitInfo", out _)).GetProperty("commitInfo"))
            .ToList();

        var timestamps = infos.Select(i => i.GetProperty("timestamp").GetInt64()).ToList();
        Assert.Equal(timestamps.Order(), timestamps);
        Assert.Equal(timestamps.Count, timestamps.Distinct().Count());
        foreach (var (version, actions) in replay.Commits.Where(c => c.Key > 0))
        {
            var info = infos[(int)version];
            var adds = actions.Where(a => a.TryGetProperty("add", out _)).Select(a => a.GetProperty("add")).ToList();
            var metrics = info.GetProperty("operationMetrics");
            Assert.Contains(info.GetProperty("operation").GetString(), new[] { "WRITE", "MERGE" });
            Assert.Equal(adds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), metrics.GetProperty("numFiles").GetString());
            Assert.Equal(adds.Sum(a => a.GetProperty("size").GetInt64()),
                long.Parse(metrics.GetProperty("numOutputBytes").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(long.Parse(metrics.GetProperty("executionTimeMs").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.Equal(version - 1, info.GetProperty("readVersion").GetInt64());
        }
    }

    [Fact]
    public void DuckDb_ReadsTheActiveFilesWithTheirDeclaredTypes()
    {
        var file = DeltaLogReplay.LocalPath(lake.OrdersDirectory, DeltaLogReplay.Read(lake.OrdersDirectory).Active.Keys.First());
        using var database = SignalFactory.DuckDb.DuckDbDatabase.Open();
        using var connection = database.Connect();
        using var result = connection.Query("SELECT * FROM read_parquet($1, hive_partitioning = false) LIMIT 1", file);
        var types = Enumerable.Range(0, result.ColumnCount).ToDictionary(result.GetName, result.GetTypeName);

        Assert.Equal(ExampleLakeSchema.Orders.Columns.Select(c => c.Name), types.Keys);
        Assert.All(ExampleLakeSchema.Orders.Columns, c => Assert.Equal(c.DuckDbType, types[c.Name]));
    }
}
