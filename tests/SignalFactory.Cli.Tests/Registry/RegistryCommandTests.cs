using System.Text.Json;
using SignalFactory.Cli.Tests.Support;

namespace SignalFactory.Cli.Tests.Registry;

public sealed class RegistryCommandTests
{
    [Fact]
    public async Task Register_FiveHundredManifestsInOneCall_ListsBackWithFiltersAndPages()
    {
        using var dir = new TempFolder();
        var manifests = Directory.CreateDirectory(dir.Combine("manifests")).FullName;
        var expected = new List<(string Urn, string Tier, string Format, string Owner)>();
        for (var i = 0; i < 500; i++)
        {
            var urn = $"ds://zone_{(char)('a' + (i % 5))}/table_{i:D3}";
            var tier = $"TIER_{(i % 3) + 1}";
            var owner = i % 2 == 0 ? "team-even" : "team-odd";
            var delta = i % 4 != 0;
            var text = delta ? Manifests.Delta(urn, tier, owner) : Manifests.Parquet(urn, tier, owner);
            await File.WriteAllTextAsync(Path.Combine(manifests, $"m{i:D3}.yaml"), text);
            expected.Add((urn, tier, delta ? "delta" : "parquet", owner));
        }

        var register = await CliRun.InAsync(dir.Path, "registry", "register", "manifests", "--json");
        Assert.Equal(0, register.ExitCode);
        Assert.Equal(500, register.Json().GetArrayLength());
        Assert.All(register.Json().EnumerateArray(), r => Assert.Equal("created", r.GetProperty("outcome").GetString()));

        var all = await ListAllAsync(dir.Path, pageSize: 37);
        Assert.Equal(expected.Select(e => e.Urn).Order(StringComparer.Ordinal), all.Select(d => d.GetProperty("urn").GetString()));

        var tier2Delta = await ListAllAsync(dir.Path, pageSize: 1000, "--tier", "TIER_2", "--format", "delta");
        Assert.Equal(
            expected.Where(e => e.Tier == "TIER_2" && e.Format == "delta").Select(e => e.Urn).Order(StringComparer.Ordinal),
            tier2Delta.Select(d => d.GetProperty("urn").GetString()));

        var oddOwners = await ListAllAsync(dir.Path, pageSize: 50, "--owner", "team-odd", "--status", "REGISTERED");
        Assert.Equal(250, oddOwners.Count);
    }

    [Fact]
    public async Task Register_SameContentThenChangedThenReformatted_FollowsVersionRules()
    {
        using var dir = new TempFolder();
        var file = dir.Combine("orders.yaml");
        await File.WriteAllTextAsync(file, Manifests.Delta("ds://curated/orders"));

        Assert.Equal(1, await RegisterVersionAsync(dir.Path));
        Assert.Equal(1, await RegisterVersionAsync(dir.Path));

        await File.WriteAllTextAsync(file, Manifests.Delta("ds://curated/orders", minRows: 5000));
        Assert.Equal(2, await RegisterVersionAsync(dir.Path));

        // Comments and blank lines are not content.
        await File.WriteAllTextAsync(file, "# owned by the orders squad\n\n" + Manifests.Delta("ds://curated/orders", minRows: 5000));
        Assert.Equal(2, await RegisterVersionAsync(dir.Path));

        var v1 = await CliRun.InAsync(dir.Path, "registry", "get", "ds://curated/orders", "--version", "1", "--json");
        Assert.Equal(0, v1.ExitCode);
        Assert.Contains("min_rows_per_partition: 100000", v1.Json().GetProperty("yaml").GetString(), StringComparison.Ordinal);
        Assert.Equal([1, 2], v1.Json().GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));

        var artifacts = dir.Combine(".sf", "artifacts", "datasets", "curated", "orders");
        Assert.True(File.Exists(Path.Combine(artifacts, "dataset.yaml.v1")));
        Assert.True(File.Exists(Path.Combine(artifacts, "dataset.yaml.v2")));
        Assert.Contains("min_rows_per_partition: 5000", await File.ReadAllTextAsync(Path.Combine(artifacts, "dataset.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_OneInvalidManifestInBatch_RegistersNothingAndExitsTwo()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("good.yaml"), Manifests.Delta("ds://curated/good"));
        await File.WriteAllTextAsync(dir.Combine("bad.yaml"), Manifests.Delta("ds://curated/bad").Replace("format: delta", "format: csv", StringComparison.Ordinal));
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "init")).ExitCode);

        var result = await CliRun.InAsync(dir.Path, "registry", "register", ".");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.yaml", result.Error, StringComparison.Ordinal);
        Assert.Contains("storage.format", result.Error, StringComparison.Ordinal);
        var list = await CliRun.InAsync(dir.Path, "registry", "list", "--json");
        Assert.Equal(0, list.Json().GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Get_UnknownUrnOrVersion_ExitsTwoWithReason()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("orders.yaml"), Manifests.Delta("ds://curated/orders"));
        await RegisterVersionAsync(dir.Path);

        var unknown = await CliRun.InAsync(dir.Path, "registry", "get", "ds://curated/nothing");
        var badVersion = await CliRun.InAsync(dir.Path, "registry", "get", "ds://curated/orders", "--version", "7");
        var notUrn = await CliRun.InAsync(dir.Path, "registry", "get", "orders");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("not registered", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, badVersion.ExitCode);
        Assert.Contains("registered versions: 1", badVersion.Error, StringComparison.Ordinal);
        Assert.Equal(2, notUrn.ExitCode);
    }

    [Fact]
    public async Task List_WithoutWorkspace_ExitsTwoSuggestingInit()
    {
        using var dir = new TempFolder();

        var result = await CliRun.InAsync(dir.Path, "registry", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sf init", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_BadPageToken_ExitsTwo()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "init")).ExitCode);

        var result = await CliRun.InAsync(dir.Path, "registry", "list", "--page-token", "not-a-token");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Workspace_FromEnvironmentVariable_IsUsed()
    {
        using var dir = new TempFolder();
        var elsewhere = dir.Combine("ws");
        await File.WriteAllTextAsync(dir.Combine("orders.yaml"), Manifests.Delta("ds://curated/orders"));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = SignalFactory.Cli.Hosting.CliConsole.ForCapture(
            output, error, dir.Path, new Dictionary<string, string?> { ["SF_WORKSPACE"] = elsewhere });

        var exit = await SignalFactory.Cli.Hosting.SfApp.RunAsync(["registry", "register", "orders.yaml"], console);

        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(elsewhere, "state.db")));
        Assert.False(Directory.Exists(dir.Combine(".sf")));
    }

    private static async Task<int> RegisterVersionAsync(string cwd)
    {
        var result = await CliRun.InAsync(cwd, "registry", "register", "orders.yaml", "--json");
        Assert.Equal(0, result.ExitCode);
        return result.Json()[0].GetProperty("version").GetInt32();
    }

    private static async Task<List<JsonElement>> ListAllAsync(string cwd, int pageSize, params string[] filters)
    {
        var items = new List<JsonElement>();
        string? token = null;
        do
        {
            string[] args = ["registry", "list", "--json", "--page-size", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), .. filters];
            if (token is not null)
            {
                args = [.. args, "--page-token", token];
            }

            var page = await CliRun.InAsync(cwd, args);
            Assert.Equal(0, page.ExitCode);
            var json = page.Json();
            items.AddRange(json.GetProperty("items").EnumerateArray());
            token = json.GetProperty("next_page_token").GetString();
        }
        while (token is not null);

        return items;
    }
}
