using System.Text.Json;
using SignalFactory.Examples.Lake;

namespace SignalFactory.Examples.Tests.Lake;

[Collection(LakeCollection.Name)]
public sealed class DeltaCheckpointTests(LakeFixture lake)
{
    private string LogDirectory => Path.Combine(lake.OrdersDirectory, "_delta_log");

    private string CheckpointFile => Path.Combine(LogDirectory, "00000000000000000010.checkpoint.parquet");

    [Fact]
    public void LastCheckpoint_PointsAtVersionTenWithItsActionCount()
    {
        using var last = JsonDocument.Parse(File.ReadAllText(Path.Combine(LogDirectory, "_last_checkpoint")));

        Assert.Equal(10, last.RootElement.GetProperty("version").GetInt64());
        Assert.Equal(LakeFixture.Scalar("SELECT count(*) FROM read_parquet($1)", CheckpointFile),
            last.RootElement.GetProperty("size").GetInt64());
    }

    [Fact]
    public void Checkpoint_HasTheProtocolTopLevelStructColumns()
    {
        var columns = LakeFixture.Rows("SELECT name FROM parquet_schema($1) WHERE num_children IS NOT NULL AND name <> 'duckdb_schema'", CheckpointFile)
            .Select(r => (string)r[0]!)
            .ToHashSet();

        Assert.Superset(new HashSet<string> { "txn", "add", "remove", "metaData", "protocol" }, columns);
    }

    [Fact]
    public void Checkpoint_ActiveFiles_EqualTheJsonReplayAtVersionTen()
    {
        var replay = DeltaLogReplay.Read(lake.OrdersDirectory, upToVersion: 10);
        var adds = LakeFixture.Rows(
                "SELECT \"add\".path, \"add\".size, \"add\".stats, map_extract_value(\"add\".partitionValues, 'dt') FROM read_parquet($1) WHERE \"add\" IS NOT NULL",
                CheckpointFile)
            .ToDictionary(r => (string)r[0]!, r => r);

        Assert.Equal(replay.Active.Keys.Order(StringComparer.Ordinal), adds.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, add) in replay.Active)
        {
            Assert.Equal(add.GetProperty("size").GetInt64(), Convert.ToInt64(adds[path][1]));
            Assert.Equal(add.GetProperty("stats").GetString(), (string)adds[path][2]!);
            Assert.Equal(add.GetProperty("partitionValues").GetProperty("dt").GetString(), (string)adds[path][3]!);
        }
    }

    [Fact]
    public void Checkpoint_Tombstones_EqualTheJsonReplayAtVersionTen()
    {
        var replay = DeltaLogReplay.Read(lake.OrdersDirectory, upToVersion: 10);
        var removes = LakeFixture.Rows(
                "SELECT \"remove\".path, \"remove\".deletionTimestamp FROM read_parquet($1) WHERE \"remove\" IS NOT NULL", CheckpointFile)
            .ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1]));

        Assert.NotEmpty(removes);
        Assert.Equal(replay.Removed.Keys.Order(StringComparer.Ordinal), removes.Keys.Order(StringComparer.Ordinal));
        Assert.All(replay.Removed, r => Assert.Equal(r.Value.GetProperty("deletionTimestamp").GetInt64(), removes[r.Key]));
    }

    [Fact]
    public void Checkpoint_ProtocolAndMetadata_MatchVersionZero()
    {
        var metadata = DeltaLogReplay.Read(lake.OrdersDirectory).Commits[0]
            .Single(a => a.TryGetProperty("metaData", out _)).GetProperty("metaData");
        var row = LakeFixture.Rows(
            "SELECT max(protocol.minReaderVersion), max(protocol.minWriterVersion), max(\"metaData\".id), max(\"metaData\".schemaString), "
            + "count(protocol), count(\"metaData\"), max(\"metaData\".partitionColumns[1]) FROM read_parquet($1)",
            CheckpointFile).Single();

        Assert.Equal(1L, Convert.ToInt64(row[0]));
        Assert.Equal(2L, Convert.ToInt64(row[1]));
        Assert.Equal(metadata.GetProperty("id").GetString(), (string)row[2]!);
        Assert.Equal(metadata.GetProperty("schemaString").GetString(), (string)row[3]!);
        Assert.Equal(1L, Convert.ToInt64(row[4]));
        Assert.Equal(1L, Convert.ToInt64(row[5]));
        Assert.Equal(ExampleLakeSchema.PartitionColumn, (string)row[6]!);
    }

    [Fact]
    public void Checkpoint_EachRow_HoldsExactlyOneAction()
    {
        var invalid = LakeFixture.Scalar(
            "SELECT count(*) FROM read_parquet($1) WHERE (CAST(txn IS NOT NULL AS INT) + CAST(\"add\" IS NOT NULL AS INT) + "
            + "CAST(\"remove\" IS NOT NULL AS INT) + CAST(\"metaData\" IS NOT NULL AS INT) + CAST(protocol IS NOT NULL AS INT)) <> 1",
            CheckpointFile);

        Assert.Equal(0, invalid);
    }
}
