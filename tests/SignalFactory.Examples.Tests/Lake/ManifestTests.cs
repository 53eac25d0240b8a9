using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace SignalFactory.Examples.Tests.Lake;

[Collection(LakeCollection.Name)]
public sealed class ManifestTests(LakeFixture lake)
{
    [Fact]
    public void Manifests_OnePerTier_PointAtTheTables()
    {
        var manifests = Directory.GetFiles(Path.Combine(lake.LakeDirectory, "manifests"), "*.yaml").Select(Load).ToList();

        Assert.Equal(["TIER_1", "TIER_2", "TIER_3"], manifests.Select(m => Scalar(m, "tier")).Order());
        var tier1 = manifests.Single(m => Scalar(m, "tier") == "TIER_1");
        Assert.Equal("ds://curated/orders_enriched", Scalar(tier1, "urn"));
        Assert.Equal("delta", Scalar(tier1, "storage", "format"));
        Assert.Equal(lake.OrdersDirectory, Scalar(tier1, "storage", "gold"));
        Assert.Equal("spark", Scalar(tier1, "runtime"));
        Assert.Equal("airflow", Scalar(tier1, "orchestration", "platform"));
        Assert.Equal("parquet", Scalar(manifests.Single(m => Scalar(m, "tier") == "TIER_2"), "storage", "format"));
    }

    [Fact]
    public void Manifests_FollowTheValidatorRulesOfTheLld()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(lake.LakeDirectory, "manifests"), "*.yaml"))
        {
            var manifest = Load(file);
            foreach (var field in new[] { "urn", "owner_team", "tier", "runtime", "storage", "slo" })
            {
                Assert.True(manifest.Children.ContainsKey(new YamlScalarNode(field)), $"{file}: {field}");
            }

            Assert.Matches(new Regex("^ds://[a-z_]+/[a-z0-9_]+$"), Scalar(manifest, "urn"));
            Assert.Contains(Scalar(manifest, "runtime"), new[] { "spark", "python", "dask", "dbt" });
            Assert.Contains(Scalar(manifest, "enforcement_model"), new[] { "inline_sdk", "post_write" });
            Assert.Equal("dt", Scalar(manifest, "storage", "partition_key"));
            var gold = Scalar(manifest, "storage", "gold");
            Assert.True(Path.IsPathFullyQualified(gold), $"{file}: storage.gold is absolute");
            Assert.True(Directory.Exists(gold), $"{file}: storage.gold exists");
            Assert.True(int.Parse(Scalar(manifest, "slo", "volume", "min_rows_per_partition"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        }
    }

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            current = ((YamlMappingNode)current).Children[new YamlScalarNode(key)];
        }

        return ((YamlScalarNode)current).Value!;
    }
}
