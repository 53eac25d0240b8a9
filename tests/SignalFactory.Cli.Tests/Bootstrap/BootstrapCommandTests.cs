using SignalFactory.Cli.Tests.Support;

namespace SignalFactory.Cli.Tests.Bootstrap;

public sealed class BootstrapCommandTests
{
    [Fact]
    public async Task Bootstrap_FileThenSameUrnWhileInProgress_ExitsConflictWithTheExistingId()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("orders.yaml"), Manifests.Delta("ds://curated/orders"));

        var first = await CliRun.InAsync(dir.Path, "bootstrap", "orders.yaml", "--json");
        var second = await CliRun.InAsync(dir.Path, "bootstrap", "ds://curated/orders", "--json");

        Assert.Equal(0, first.ExitCode);
        var firstEntry = first.Json().GetProperty("bootstraps")[0];
        Assert.Equal("started", firstEntry.GetProperty("outcome").GetString());
        var id = firstEntry.GetProperty("bootstrap_id").GetString();
        Assert.Equal(3, second.ExitCode);
        var secondEntry = second.Json().GetProperty("bootstraps")[0];
        Assert.Equal("conflict", secondEntry.GetProperty("outcome").GetString());
        Assert.Equal(id, secondEntry.GetProperty("bootstrap_id").GetString());

        var status = await CliRun.InAsync(dir.Path, "bootstrap", "status", "ds://curated/orders", "--json");
        Assert.Equal(0, status.ExitCode);
        var shown = status.Json().GetProperty("bootstraps")[0];
        Assert.Equal(id, shown.GetProperty("bootstrap_id").GetString());
        Assert.Equal("REGISTERED", shown.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Bootstrap_UnregisteredUrn_ExitsInvalidInputAndStartsNothing()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("orders.yaml"), Manifests.Delta("ds://curated/orders"));
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "registry", "register", "orders.yaml")).ExitCode);

        var result = await CliRun.InAsync(dir.Path, "bootstrap", "ds://curated/orders", "ds://curated/missing");
        var status = await CliRun.InAsync(dir.Path, "bootstrap", "status", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ds://curated/missing is not registered", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, status.Json().GetProperty("bootstraps").GetArrayLength());
    }

    [Fact]
    public async Task Worker_Once_RunsRegistrationAndAuditVerifies()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("orders.yaml"), Manifests.Delta("ds://curated/orders"));
        await CliRun.InAsync(dir.Path, "bootstrap", "orders.yaml");

        var worker = await CliRun.InAsync(dir.Path, "worker", "--once");
        var status = await CliRun.InAsync(dir.Path, "bootstrap", "status", "ds://curated/orders", "--json");
        var audit = await CliRun.InAsync(dir.Path, "audit", "verify");

        Assert.Equal(0, worker.ExitCode);
        Assert.Contains("REGISTERED → PROFILING", worker.Output, StringComparison.Ordinal);
        var registration = status.Json().GetProperty("bootstraps")[0].GetProperty("steps").GetProperty("registration");
        Assert.Equal("COMPLETED", registration.GetProperty("status").GetString());
        Assert.Equal(0, audit.ExitCode);
        Assert.Contains("audit trail intact", audit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_UnknownId_ExitsConflictNamingTheId()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("orders.yaml"), Manifests.Delta("ds://curated/orders"));
        await CliRun.InAsync(dir.Path, "bootstrap", "orders.yaml");

        var result = await CliRun.InAsync(dir.Path, "approve", "boot-2020-01-01-001", "--as", "jane");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("boot-2020-01-01-001", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_SetAndGet_RoundTripsAndRejectsBadValues()
    {
        using var dir = new TempFolder();
        await File.WriteAllTextAsync(dir.Combine("orders.yaml"), Manifests.Delta("ds://curated/orders"));
        await CliRun.InAsync(dir.Path, "registry", "register", "orders.yaml");

        var before = await CliRun.InAsync(dir.Path, "config", "get", "approval.tier3_cooling_period");
        var set = await CliRun.InAsync(dir.Path, "config", "set", "approval.tier3_cooling_period", "0h");
        var after = await CliRun.InAsync(dir.Path, "config", "get", "approval.tier3_cooling_period");
        var bad = await CliRun.InAsync(dir.Path, "config", "set", "approval.tier3_cooling_period", "-1h");
        var unknown = await CliRun.InAsync(dir.Path, "config", "get", "approval.nope");

        Assert.Contains("(default)", before.Output, StringComparison.Ordinal);
        Assert.Equal(0, set.ExitCode);
        Assert.Equal("0h", after.Output.Trim());
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("approval.tier3_cooling_period", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quickstart_ExampleLakeDataset_ProfilesWithTheRealProfilerAndStoresTheBaseline()
    {
        using var dir = new TempFolder();
        var quickstart = await CliRun.InAsync(dir.Path, "quickstart", "--days", "3", "--rows-per-partition", "200");
        Assert.Equal(0, quickstart.ExitCode);

        // The quick start bootstraps it; asking again answers the conflict with the same bootstrap.
        var again = await CliRun.InAsync(dir.Path, "bootstrap", "ds://analytics/web_sessions", "--json");
        var result = await CliRun.InAsync(dir.Path, "bootstrap", "status", "ds://analytics/web_sessions", "--json");

        Assert.Equal(3, again.ExitCode);
        var status = result.Json().GetProperty("bootstraps")[0];
        Assert.Equal(status.GetProperty("bootstrap_id").GetString(), again.Json().GetProperty("bootstraps")[0].GetProperty("bootstrap_id").GetString());
        var profiling = status.GetProperty("steps").GetProperty("profiling");
        Assert.Equal("COMPLETED", profiling.GetProperty("status").GetString());
        var key = profiling.GetProperty("artifact_uri").GetString()!;
        var baselinePath = Path.Combine(dir.Path, ".sf", "artifacts", key.Replace('/', Path.DirectorySeparatorChar));
        using var baseline = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(baselinePath));
        Assert.Equal("ds://analytics/web_sessions", baseline.RootElement.GetProperty("dataset_urn").GetString());
        Assert.Equal(status.GetProperty("bootstrap_id").GetString(), baseline.RootElement.GetProperty("bootstrap_id").GetString());
    }

    [Fact]
    public async Task Quickstart_ThreeTiersWithStoredZeroCooling_Tier3ReadyOthersPendingUntilApproved()
    {
        using var dir = new TempFolder();
        // Register only (quick start with its bootstraps would take the URNs), then set the cooling period and bootstrap.
        await File.WriteAllTextAsync(dir.Combine("placeholder.yaml"), Manifests.Delta("ds://curated/placeholder"));
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "registry", "register", "placeholder.yaml")).ExitCode);
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "config", "set", "approval.tier3_cooling_period", "0h")).ExitCode);
        Assert.Equal(0, (await CliRun.InAsync(dir.Path, "quickstart", "--days", "3", "--rows-per-partition", "200")).ExitCode);

        var started = await CliRun.InAsync(dir.Path, "bootstrap", "status", "--json");
        var states = started.Json().GetProperty("bootstraps").EnumerateArray().ToDictionary(
            b => b.GetProperty("dataset_urn").GetString()!, b => b);
        var tier1Id = states["ds://curated/orders_enriched"].GetProperty("bootstrap_id").GetString()!;
        var approved = await CliRun.InAsync(dir.Path, "approve", tier1Id, "--as", "jane", "--json");
        var audit = await CliRun.InAsync(dir.Path, "audit", "verify");

        Assert.Equal(0, started.ExitCode);
        Assert.Equal("POLICY_PENDING", states["ds://curated/orders_enriched"].GetProperty("state").GetString());
        Assert.Equal("POLICY_PENDING", states["ds://raw/customer_events"].GetProperty("state").GetString());
        Assert.Equal("SIGNAL_READY", states["ds://analytics/web_sessions"].GetProperty("state").GetString());
        Assert.Equal(0, approved.ExitCode);
        Assert.Equal("SIGNAL_READY", approved.Json().GetProperty("state").GetString());
        var artifacts = Path.Combine(dir.Path, ".sf", "artifacts", "datasets", "curated", "orders_enriched");
        Assert.True(File.Exists(Path.Combine(artifacts, "baseline.json")));
        var verify = await CliRun.InAsync(dir.Path, "policy", "verify", Path.Combine(artifacts, "policy_bundle.yaml"));
        Assert.Equal(0, verify.ExitCode);
        Assert.Equal(0, audit.ExitCode);
    }

    [Fact]
    public async Task Quickstart_Tier3CoolingZero_Tier3SignalReadyOthersPrintApproveCommandsAndConfigUnchanged()
    {
        using var dir = new TempFolder();

        var result = await CliRun.InAsync(dir.Path, "quickstart", "--days", "3", "--rows-per-partition", "200", "--tier3-cooling", "0h");
        var status = await CliRun.InAsync(dir.Path, "bootstrap", "status", "--json");
        var config = await CliRun.InAsync(dir.Path, "config", "get", "approval.tier3_cooling_period");

        Assert.Equal(0, result.ExitCode);
        var states = status.Json().GetProperty("bootstraps").EnumerateArray().ToDictionary(
            b => b.GetProperty("dataset_urn").GetString()!, b => (Id: b.GetProperty("bootstrap_id").GetString()!, State: b.GetProperty("state").GetString()));
        Assert.Equal("SIGNAL_READY", states["ds://analytics/web_sessions"].State);
        Assert.Equal("POLICY_PENDING", states["ds://curated/orders_enriched"].State);
        Assert.Equal("POLICY_PENDING", states["ds://raw/customer_events"].State);
        Assert.Contains($"sf approve {states["ds://curated/orders_enriched"].Id} --as NAME", result.Output, StringComparison.Ordinal);
        Assert.Contains($"sf approve {states["ds://raw/customer_events"].Id} --as NAME", result.Output, StringComparison.Ordinal);
        Assert.Contains("(default)", config.Output, StringComparison.Ordinal);
    }
}
