using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Storage.Tests.Artifacts;

public sealed class ArtifactKeysTests
{
    [Fact]
    public void DatasetKeys_SameNameInTwoZones_UseDifferentFolders()
    {
        Assert.Equal("datasets/raw/orders", ArtifactKeys.DatasetFolder("ds://raw/orders"));
        Assert.Equal("datasets/curated/orders", ArtifactKeys.DatasetFolder("ds://curated/orders"));
        Assert.Equal("datasets/raw/orders/dataset.yaml", ArtifactKeys.DatasetYaml("ds://raw/orders"));
        Assert.Equal("datasets/raw/orders/dataset.yaml.v12", ArtifactKeys.DatasetYamlVersion("ds://raw/orders", 12));
        Assert.Equal("datasets/raw/orders/baseline.json", ArtifactKeys.Baseline("ds://raw/orders"));
        Assert.Equal("datasets/raw/orders/baseline.json.history/baseline.v3.json", ArtifactKeys.BaselineVersion("ds://raw/orders", 3));
        Assert.Equal("datasets/raw/orders/policy_bundle.yaml", ArtifactKeys.PolicyBundle("ds://raw/orders"));
    }

    [Theory]
    [InlineData("raw/orders")]
    [InlineData("ds://orders")]
    [InlineData("ds://raw/")]
    [InlineData("ds:///orders")]
    [InlineData("ds://raw/a/b")]
    [InlineData("ds://../orders")]
    [InlineData("ds://raw/..")]
    [InlineData("ds://raw\\x/orders")]
    public void DatasetFolder_MalformedOrUnsafeUrn_ThrowsArgumentException(string urn)
    {
        Assert.ThrowsAny<ArgumentException>(() => ArtifactKeys.DatasetFolder(urn));
    }

    [Fact]
    public void DatasetYamlVersion_VersionBelowOne_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => ArtifactKeys.DatasetYamlVersion("ds://raw/orders", 0));
    }
}
