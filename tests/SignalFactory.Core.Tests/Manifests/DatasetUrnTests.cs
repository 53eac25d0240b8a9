using SignalFactory.Core.Manifests;

namespace SignalFactory.Core.Tests.Manifests;

public sealed class DatasetUrnTests
{
    [Fact]
    public void TryParse_ValidUrn_SplitsZoneAndName()
    {
        Assert.True(DatasetUrn.TryParse("ds://curated/orders_enriched", out var urn));
        Assert.Equal("curated", urn.Zone);
        Assert.Equal("orders_enriched", urn.Name);
        Assert.Equal("ds://curated/orders_enriched", urn.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ds://curated")]
    [InlineData("ds://Curated/orders")]
    [InlineData("ds:/curated/orders")]
    [InlineData("ds://curated/orders/x")]
    public void TryParse_Invalid_False(string? text)
    {
        Assert.False(DatasetUrn.TryParse(text, out var urn));
        Assert.Null(urn);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => DatasetUrn.Parse("orders"));
    }

    [Fact]
    public void Create_Parts_EqualsParsed()
    {
        Assert.Equal(DatasetUrn.Parse("ds://raw/events_2"), DatasetUrn.Create("raw", "events_2"));
        Assert.Throws<FormatException>(() => DatasetUrn.Create("raw", "Events"));
    }
}
