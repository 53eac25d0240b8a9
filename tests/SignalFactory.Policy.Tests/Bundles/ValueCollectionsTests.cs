using SignalFactory.Policy.Bundles;

namespace SignalFactory.Policy.Tests.Bundles;

public sealed class ValueCollectionsTests
{
    [Fact]
    public void ValueList_SameItems_EqualAndSameHash()
    {
        ValueList<string> a = ["x", "y"];
        var b = ValueList.From(new List<string> { "x", "y" });

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, (ValueList<string>)["y", "x"]);
    }

    [Fact]
    public void ValueMap_KeysInNaturalOrder_WhateverTheInsertionOrder()
    {
        var map = ValueMap.From(new Dictionary<string, int> { ["week_10"] = 10, ["week_2"] = 2, ["week_1"] = 1 });

        Assert.Equal(["week_1", "week_2", "week_10"], map.Keys.ToList());
        Assert.Equal(10, map["week_10"]);
        Assert.False(map.ContainsKey("week_3"));
    }

    [Fact]
    public void ValueMap_DuplicateKey_Refused()
    {
        Assert.Throws<ArgumentException>(() => ValueMap.From([new KeyValuePair<string, int>("a", 1), new KeyValuePair<string, int>("a", 2)]));
    }

    [Theory]
    [InlineData("week_2", "week_10")]
    [InlineData("a", "b")]
    [InlineData("a01", "a1")]
    [InlineData("a1", "a1b")]
    [InlineData("week_9", "week_09x")]
    public void NaturalKeyComparer_OrdersPairs(string smaller, string larger)
    {
        Assert.True(NaturalKeyComparer.Instance.Compare(smaller, larger) < 0);
        Assert.True(NaturalKeyComparer.Instance.Compare(larger, smaller) > 0);
    }
}
