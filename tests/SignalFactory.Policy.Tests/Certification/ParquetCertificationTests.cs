using SignalFactory.Core.Manifests;
using SignalFactory.Policy.Certification;
using SignalFactory.Policy.Tests.Certification.Support;

namespace SignalFactory.Policy.Tests.Certification;

[Collection(ExampleLakeCollection.Name)]
public sealed class ParquetCertificationTests(ExampleLakeFixture lake)
{
    [Fact]
    public async Task CertifyAsync_ExampleParquetTable_PointsAtNewestDtFolder()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = await ExampleLakeFixture.ManifestAsync(lake.Events);
        var newest = LakeFiles.NewestDtFolder(lake.Events.Path);
        var files = Directory.GetFiles(newest, "*.parquet");

        var result = await harness.CertifyAsync(manifest);

        Assert.Equal(CertificationStatus.Certified, result.Status);
        var pointer = result.Pointer!;
        Assert.Equal(CertifiedPointer.ParquetPartitionType, pointer.Type);
        Assert.Equal("parquet", pointer.Format);
        Assert.Equal("dt", pointer.PartitionKey);
        Assert.Equal(Path.GetFileName(newest)["dt=".Length..], pointer.PartitionValue);
        Assert.Equal(newest + Path.DirectorySeparatorChar, pointer.PartitionPath);
        Assert.Equal(files.Length, pointer.FileCount);
        Assert.Equal(LakeFiles.CountRows(files), pointer.RowCount);
        Assert.Null(pointer.Version);
        Assert.Equal(24, result.Record!.StalenessSlaHours);
    }

    [Fact]
    public async Task CertifyAsync_NewestPartitionHasNoRows_PointsAtTheOneBefore()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var root = temp.Combine("sessions");
        ExampleLakeFixture.CopyTable(lake.Sessions.Path, root);
        var previousNewest = Path.GetFileName(LakeFiles.NewestDtFolder(root))["dt=".Length..];
        LakeFiles.WriteParquet(Path.Combine(root, "dt=2099-01-01", "part-00000.parquet"), 0);
        var manifest = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Sessions), root);

        var result = await harness.CertifyAsync(manifest);

        Assert.Equal(CertificationStatus.Certified, result.Status);
        Assert.Equal(previousNewest, result.Pointer!.PartitionValue);
    }

    [Fact]
    public async Task CertifyAsync_NumericPartitionValues_OrdersNumerically()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var root = temp.Combine("hours");
        LakeFiles.WriteParquet(Path.Combine(root, "hour=9", "part-0.parquet"), 2);
        LakeFiles.WriteParquet(Path.Combine(root, "hour=10", "part-0.parquet"), 3);
        var manifest = await ExampleLakeFixture.ManifestAsync(lake.Sessions);
        manifest = manifest with { Storage = manifest.Storage! with { Gold = root, PartitionKey = "hour" } };

        var result = await harness.CertifyAsync(manifest);

        Assert.Equal("hour", result.Pointer!.PartitionKey);
        Assert.Equal("10", result.Pointer.PartitionValue);
        Assert.Equal(3, result.Pointer.RowCount);
    }

    [Fact]
    public async Task CertifyAsync_NewPartitionWithRows_MovesThePointer()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var root = temp.Combine("sessions");
        ExampleLakeFixture.CopyTable(lake.Sessions.Path, root);
        var manifest = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Sessions), root);
        var first = await harness.CertifyAsync(manifest);

        var newest = LakeFiles.NewestDtFolder(root);
        ExampleLakeFixture.CopyTable(newest, Path.Combine(root, "dt=2099-01-01"));
        var second = await harness.CertifyAsync(manifest);

        Assert.Equal("v0", first.Record!.CurrentCertifiedVersion);
        Assert.Equal("2099-01-01", second.Pointer!.PartitionValue);
        Assert.Equal("v1", second.Record!.CurrentCertifiedVersion);
        Assert.Equal(48, second.Record.StalenessSlaHours);
    }

    [Fact]
    public async Task CertifyAsync_SilverOnlyParquetManifest_CertifiesSilver()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = await ExampleLakeFixture.ManifestAsync(lake.Sessions);
        manifest = manifest with { Storage = manifest.Storage! with { Gold = null, Silver = lake.Sessions.Path } };

        var result = await harness.CertifyAsync(manifest);

        Assert.Equal(CertificationStatus.Certified, result.Status);
        Assert.Equal(lake.Sessions.Path, result.Pointer!.TablePath);
    }

    [Theory]
    [InlineData("s3://lake-bucket/gold/events/", "S3")]
    [InlineData("relative/events", "relative path")]
    [InlineData("hdfs://cluster/events", "scheme")]
    public async Task CertifyAsync_UnreadableLocation_FailsWithClearMessageAndWritesNothing(string gold, string expected)
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Events), gold);

        var result = await harness.CertifyAsync(manifest);

        Assert.Equal(CertificationStatus.Failed, result.Status);
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
        Assert.Contains("storage.gold", result.Message, StringComparison.Ordinal);
        Assert.Null(await harness.Store.GetAsync(manifest.Urn!, CancellationToken.None));
    }

    [Fact]
    public async Task CertifyAsync_CorruptNewestFile_FailsNamingTheFile()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var root = temp.Combine("events");
        var corrupt = Path.Combine(root, "dt=2026-01-02", "part-0.parquet");
        LakeFiles.WriteParquet(Path.Combine(root, "dt=2026-01-01", "part-0.parquet"), 4);
        Directory.CreateDirectory(Path.GetDirectoryName(corrupt)!);
        await File.WriteAllTextAsync(corrupt, "not parquet");
        var manifest = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Events), root);

        var result = await harness.CertifyAsync(manifest);

        Assert.Equal(CertificationStatus.Failed, result.Status);
        Assert.Contains(corrupt, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Tiers.Tier1, 6)]
    [InlineData(Tiers.Tier2, 24)]
    [InlineData(Tiers.Tier3, 48)]
    public async Task CertifyAsync_Tier_SetsStalenessSlaAndNextCheckDue(string tier, int hours)
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = (await ExampleLakeFixture.ManifestAsync(lake.Sessions)) with { Tier = tier };

        var result = await harness.CertifyAsync(manifest);

        Assert.Equal(hours, result.Record!.StalenessSlaHours);
        Assert.Equal(CertificationHarness.Start.AddHours(hours), result.Record.NextCheckDue);
    }
}
