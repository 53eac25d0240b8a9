using System.Text;
using SignalFactory.Policy.Generation;
using SignalFactory.Policy.Signing;
using SignalFactory.Policy.Tests.TestSupport;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Policy.Tests.Generation;

public sealed class PolicyBundleStoreTests : IDisposable
{
    private const string Urn = "ds://analytics/web_sessions";
    private readonly TempFolder _folder = new();
    private readonly LocalArtifactStore _artifacts;
    private readonly PolicyBundleStore _store;
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));

    public PolicyBundleStoreTests()
    {
        _artifacts = new LocalArtifactStore(_folder.Path);
        _store = new PolicyBundleStore(_artifacts);
    }

    public void Dispose() => _folder.Dispose();

    private (SignedPolicyBundle Bundle, BacktestReport Report) Signed()
    {
        var result = PolicyGenerator.Generate(new PolicyGenerationRequest
        {
            Baseline = TestBaselines.WebSessions(),
            Manifest = TestBaselines.Manifest(Urn, "TIER_3"),
        }, _clock);
        using var key = PolicySigningKey.Create();
        return (new PolicyBundleSigner(key).Sign(result.Bundle, _clock), result.Backtest);
    }

    [Fact]
    public async Task SaveAsync_TwoGenerations_LatestPlusNumberedHistoryAndReport()
    {
        var (first, firstReport) = Signed();
        _clock.Advance(TimeSpan.FromHours(1));
        var (second, secondReport) = Signed();

        var one = await _store.SaveAsync(first, firstReport, CancellationToken.None);
        var two = await _store.SaveAsync(second, secondReport, CancellationToken.None);

        Assert.Equal((1, 2), (one.Version, two.Version));
        Assert.Equal("datasets/analytics/web_sessions/policy_bundle.yaml", two.Key);
        Assert.Equal([1, 2], await _store.GetVersionsAsync(Urn, CancellationToken.None));
        Assert.Equal(second.ToArray(), await _store.ReadLatestAsync(Urn, CancellationToken.None));
        Assert.Equal(first.ToArray(), await _artifacts.ReadAsync("datasets/analytics/web_sessions/policy_bundle.yaml.history/policy_bundle.v1.yaml", CancellationToken.None));
        Assert.Equal(BacktestReportJson.Serialize(firstReport),
            await _artifacts.ReadAsync("datasets/analytics/web_sessions/policy_backtest.json.history/policy_backtest.v1.json", CancellationToken.None));
        Assert.Equal(BacktestReportJson.Serialize(secondReport), BacktestReportJson.Serialize((await _store.ReadReportAsync(Urn, CancellationToken.None))!));
    }

    [Fact]
    public async Task ReadTemplateAsync_StoredTemplate_ParsedWithItsKey()
    {
        await _artifacts.WriteAsync("templates/policy/TIER_2.yaml", Encoding.UTF8.GetBytes("range_margin_pct: 30\n"), CancellationToken.None);

        var found = await _store.ReadTemplateAsync("TIER_2", CancellationToken.None);

        Assert.Equal(30, found!.Value.Template.RangeMarginPct);
        Assert.Equal("templates/policy/TIER_2.yaml", found.Value.Source);
        Assert.Null(await _store.ReadTemplateAsync("TIER_1", CancellationToken.None));
    }

    [Fact]
    public async Task ReadTemplateAsync_BrokenTemplate_ErrorNamesTheKey()
    {
        await _artifacts.WriteAsync("templates/policy/TIER_2.yaml", Encoding.UTF8.GetBytes("range_margin: 30\n"), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<PolicyInputException>(() => _store.ReadTemplateAsync("TIER_2", CancellationToken.None));

        Assert.StartsWith("templates/policy/TIER_2.yaml: range_margin (line 1): unknown key", ex.Message, StringComparison.Ordinal);
    }
}
