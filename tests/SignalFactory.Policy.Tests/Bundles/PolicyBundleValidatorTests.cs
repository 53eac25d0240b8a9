using SignalFactory.Policy.Bundles;
using SignalFactory.Policy.Tests.TestSupport;

namespace SignalFactory.Policy.Tests.Bundles;

public sealed class PolicyBundleValidatorTests
{
    private static IReadOnlyList<string> PathsOf(PolicyBundle bundle) =>
        PolicyBundleValidator.Validate(bundle).Select(i => i.Path).ToList();

    [Fact]
    public void Validate_SampleBundles_NoIssues()
    {
        Assert.Empty(PolicyBundleValidator.Validate(SampleBundles.Full()));
        Assert.Empty(PolicyBundleValidator.Validate(SampleBundles.Small()));
    }

    [Fact]
    public void Validate_BadTopLevelValues_EachReported()
    {
        var bundle = SampleBundles.Small() with
        {
            Version = "1.0",
            DatasetUrn = "orders",
            BootstrapId = " ",
            GeneratedBy = "bob",
            EnrichmentLevel = "gold",
        };

        Assert.Equal(["version", "dataset_urn", "bootstrap_id", "generated_by", "enrichment_level"], PathsOf(bundle));
    }

    [Fact]
    public void Validate_ValidationDisabledWithoutKillSwitchRecord_IsRefused()
    {
        var bundle = SampleBundles.Small() with { Security = new SecuritySection { ValidationEnabled = false } };

        Assert.Equal(["security.validation_enabled"], PathsOf(bundle));
    }

    [Fact]
    public void Validate_KillSwitchRecordDisagreeingWithValidationEnabled_IsRefused()
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var bundle = SampleBundles.Small() with
        {
            Security = new SecuritySection { ValidationEnabled = true, KillSwitch = new KillSwitchRecord(true, "why", "human:ana", at) },
        };

        Assert.Equal(["security.kill_switch.engaged"], PathsOf(bundle));
    }

    [Fact]
    public void Validate_FullContractWithoutContractOrVolume_BothReported()
    {
        var bundle = SampleBundles.Full() with { Contract = null, Volume = null };

        Assert.Equal(["volume", "contract"], PathsOf(bundle));
    }

    [Fact]
    public void Validate_DuplicateInvariantIdsAndBadSeverity_Reported()
    {
        var bundle = SampleBundles.Full() with
        {
            Contract = new ContractSection
            {
                Invariants =
                [
                    new ContractInvariant("a", "d", "x > 0", "error"),
                    new ContractInvariant("a", "d", "y > 0", "fatal"),
                ],
            },
        };

        Assert.Equal(["contract.invariants[1].severity", "contract.invariants[1].id"], PathsOf(bundle));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Validate_SamplingRateOutsideZeroToOne_Reported(double rate)
    {
        var bundle = SampleBundles.Small() with { Performance = SampleBundles.Small().Performance! with { SamplingRate = rate } };

        Assert.Equal(["performance.sampling_rate"], PathsOf(bundle));
    }

    [Fact]
    public void Validate_BadGracePeriodAndScheduleKey_Reported()
    {
        var full = SampleBundles.Full();
        var bundle = full with
        {
            Freshness = full.Freshness! with { GracePeriod = "soon" },
            Bootstrap = full.Bootstrap! with
            {
                ProgressiveSchedule = ValueMap.From(new Dictionary<string, ValueList<string>> { ["week_0"] = ["G3_SCHEMA"] }),
            },
        };

        Assert.Equal(["freshness.grace_period", "bootstrap.progressive_schedule.week_0"], PathsOf(bundle));
    }

    [Fact]
    public void Validate_RepeatedColumnName_MessageNamesPositionNotValue()
    {
        var bundle = SampleBundles.Small() with { ContractLite = new ContractLiteSection { RequiredFields = ["secret_col", "secret_col"] } };

        var issue = Assert.Single(PolicyBundleValidator.Validate(bundle));

        Assert.Equal("contract_lite.required_fields[1]", issue.Path);
        Assert.DoesNotContain("secret_col", issue.Message, StringComparison.Ordinal);
    }
}
