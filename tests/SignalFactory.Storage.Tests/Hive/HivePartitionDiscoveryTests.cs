using SignalFactory.Storage.Hive;
using SignalFactory.Storage.Tests.Delta;

namespace SignalFactory.Storage.Tests.Hive;

public sealed class HivePartitionDiscoveryTests : IDisposable
{
    private readonly DeltaTestFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Discover_DateFolders_GivesOnePartitionPerFolderWithoutHiddenFiles()
    {
        var a = _temp.Write("t/dt=2026-01-01/part-0.parquet");
        var b1 = _temp.Write("t/dt=2026-01-02/part-0.parquet");
        var b2 = _temp.Write("t/dt=2026-01-02/part-1.parquet");
        _temp.Write("t/dt=2026-01-02/.part-1.parquet.crc");
        _temp.Write("t/_SUCCESS");
        _temp.Write("t/_temporary/0/x.parquet");

        var layout = HivePartitionDiscovery.Discover(Path.Combine(_temp.Path, "t"));

        Assert.Equal(["dt"], layout.PartitionKeys);
        Assert.True(layout.IsPartitioned);
        Assert.Equal(2, layout.Partitions.Count);
        Assert.Equal("2026-01-01", layout.Partitions[0].Values["dt"]);
        Assert.Equal("dt=2026-01-01", layout.Partitions[0].RelativePath);
        Assert.Equal([a], layout.Partitions[0].Files);
        Assert.Equal("2026-01-02", layout.Partitions[1].Values["dt"]);
        Assert.Equal([b1, b2], layout.Partitions[1].Files);
    }

    [Fact]
    public void Discover_UrlEncodedValue_IsDecoded()
    {
        _temp.Write("t/city=New%20York%2FNY/part-0.parquet");
        _temp.Write("t/city=a%3Db/part-0.parquet");

        var layout = HivePartitionDiscovery.Discover(Path.Combine(_temp.Path, "t"));

        Assert.Equal(["New York/NY", "a=b"], layout.Partitions.Select(p => p.Values["city"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Discover_DefaultPartition_IsNull()
    {
        _temp.Write("t/k=__HIVE_DEFAULT_PARTITION__/part-0.parquet");
        _temp.Write("t/k=A/part-0.parquet");

        var layout = HivePartitionDiscovery.Discover(Path.Combine(_temp.Path, "t"));

        var nullPartition = Assert.Single(layout.Partitions, p => p.Values["k"] is null);
        Assert.Equal("k=__HIVE_DEFAULT_PARTITION__", nullPartition.RelativePath);
        Assert.Single(layout.Partitions, p => p.Values["k"] == "A");
    }

    [Fact]
    public void Discover_NestedKeys_KeepsFolderOrder()
    {
        _temp.Write("t/year=2020/month=1/part-0.parquet");
        _temp.Write("t/year=2020/month=12/part-0.parquet");
        _temp.Write("t/year=2021/month=3/part-0.parquet");

        var layout = HivePartitionDiscovery.Discover(Path.Combine(_temp.Path, "t"));

        Assert.Equal(["year", "month"], layout.PartitionKeys);
        Assert.Equal(3, layout.Partitions.Count);
        var last = layout.Partitions.Single(p => p.Values["year"] == "2021");
        Assert.Equal(["year", "month"], last.Values.Keys);
        Assert.Equal("3", last.Values["month"]);
    }

    [Fact]
    public void Discover_Unpartitioned_GivesOneRootPartition()
    {
        var f0 = _temp.Write("t/part-0.parquet");
        var f1 = _temp.Write("t/part-1.parquet");
        _temp.Write("t/_SUCCESS");

        var layout = HivePartitionDiscovery.Discover(Path.Combine(_temp.Path, "t"));

        Assert.Empty(layout.PartitionKeys);
        Assert.False(layout.IsPartitioned);
        var partition = Assert.Single(layout.Partitions);
        Assert.Empty(partition.Values);
        Assert.Equal("", partition.RelativePath);
        Assert.Equal([f0, f1], partition.Files);
    }

    [Fact]
    public void Discover_EmptyFolder_GivesNoPartitions()
    {
        Directory.CreateDirectory(Path.Combine(_temp.Path, "t"));

        var layout = HivePartitionDiscovery.Discover(Path.Combine(_temp.Path, "t"));

        Assert.Empty(layout.Partitions);
        Assert.Empty(layout.PartitionKeys);
    }

    [Fact]
    public void Discover_InconsistentKeyOrder_NamesTheFolder()
    {
        _temp.Write("t/a=1/b=1/part-0.parquet");
        _temp.Write("t/b=2/a=1/part-0.parquet");

        var ex = Assert.Throws<HiveLayoutException>(() => HivePartitionDiscovery.Discover(Path.Combine(_temp.Path, "t")));

        Assert.Equal("b=2", ex.Folder);
        Assert.Contains("'b=2'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_InconsistentDepth_NamesTheFolder()
    {
        _temp.Write("t/a=1/b=1/part-0.parquet");
        _temp.Write("t/a=2/part-0.parquet");

        var ex = Assert.Throws<HiveLayoutException>(() => HivePartitionDiscovery.Discover(Path.Combine(_temp.Path, "t")));

        Assert.Equal("a=2", ex.Folder);
    }

    [Fact]
    public void Discover_FolderWithoutEquals_NamesTheFolder()
    {
        _temp.Write("t/a=1/data/part-0.parquet");

        var ex = Assert.Throws<HiveLayoutException>(() => HivePartitionDiscovery.Discover(Path.Combine(_temp.Path, "t")));

        Assert.Equal("a=1/data", ex.Folder);
        Assert.Contains("key=value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_FilesNextToPartitionFolders_NamesTheFolder()
    {
        _temp.Write("t/part-0.parquet");
        _temp.Write("t/a=1/part-0.parquet");

        var ex = Assert.Throws<HiveLayoutException>(() => HivePartitionDiscovery.Discover(Path.Combine(_temp.Path, "t")));

        Assert.Equal(".", ex.Folder);
    }

    [Fact]
    public void Discover_RepeatedKey_NamesTheFolder()
    {
        _temp.Write("t/a=1/a=2/part-0.parquet");

        var ex = Assert.Throws<HiveLayoutException>(() => HivePartitionDiscovery.Discover(Path.Combine(_temp.Path, "t")));

        Assert.Equal("a=1/a=2", ex.Folder);
    }

    [Fact]
    public void Discover_MissingFolder_Throws()
    {
        var ex = Assert.Throws<HiveLayoutException>(() => HivePartitionDiscovery.Discover(Path.Combine(_temp.Path, "nope")));

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_SharedDeltaTableWithEncodedFolders_SkipsLogAndDecodesValues()
    {
        // The folders on disk are x=A%2FA and x=B%20B; _delta_log and .crc files are not data.
        var layout = HivePartitionDiscovery.Discover(TestPaths.DeltaTable("delta-0.8.0-special-partition"));

        Assert.Equal(["x"], layout.PartitionKeys);
        Assert.Equal(["A/A", "B B"], layout.Partitions.Select(p => p.Values["x"]));
        Assert.All(layout.Partitions, p => Assert.Single(p.Files));
        Assert.All(layout.Partitions.SelectMany(p => p.Files), f => Assert.EndsWith(".snappy.parquet", f, StringComparison.Ordinal));
    }
}
