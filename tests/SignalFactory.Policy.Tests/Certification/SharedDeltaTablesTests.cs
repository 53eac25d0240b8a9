using SignalFactory.Policy.Certification;
using SignalFactory.Policy.Tests.Certification.Support;

namespace SignalFactory.Policy.Tests.Certification;

/// <summary>Delta tables written by Spark and delta-rs (../shared/testdata/delta), certified in place (read only).</summary>
[Collection(ExampleLakeCollection.Name)]
public sealed class SharedDeltaTablesTests(ExampleLakeFixture lake)
{
    [Theory]
    [InlineData("simple_table")]
    [InlineData("simple_table_with_checkpoint")]
    [InlineData("delta-0.8.0")]
    [InlineData("delta-0.8.0-partitioned")]
    [InlineData("delta-0.8.0-numeric-partition")]
    [InlineData("delta-2.2.0-partitioned-types")]
    public async Task CertifyAsync_TableWrittenElsewhere_PointsAtHighestCommitInTheLog(string table)
    {
        using var harness = await CertificationHarness.CreateAsync();
        var root = Path.Combine(SharedTestData.Root, "delta", table);
        var manifest = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Orders), root);

        var result = await harness.CertifyAsync(manifest);

        Assert.Equal(CertificationStatus.Certified, result.Status);
        Assert.Equal(LakeFiles.HighestCommit(root), result.Pointer!.Version);
        Assert.Equal(LakeFiles.CommitTimestamp(root, LakeFiles.HighestCommit(root)), result.Pointer.CommitTimestamp);
        Assert.StartsWith("sha256:", result.ObservedSchemaFingerprint, StringComparison.Ordinal);
    }

    // Version 0 adds two files, version 1 (a DELETE) removes both: the table exists and has no rows.
    [Fact]
    public async Task CertifyAsync_TableWhoseFilesWereAllRemoved_DefersAsEmpty()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var root = Path.Combine(SharedTestData.Root, "delta", "delta-0.8-empty");
        var manifest = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Orders), root);

        var result = await harness.CertifyAsync(manifest);

        Assert.Equal(CertificationStatus.Deferred, result.Status);
        Assert.Equal(DeferredReasons.GoldTableEmpty, result.DeferredReason);
        Assert.Equal("delta:v1", result.Record!.DeferredProbe);
    }
}
