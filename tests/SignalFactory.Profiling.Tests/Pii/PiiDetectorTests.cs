using SignalFactory.Profiling.Pii;
using SignalFactory.Profiling.Tests.TestSupport;

namespace SignalFactory.Profiling.Tests.Pii;

public sealed class PiiDetectorTests
{
    private static readonly PiiDetector Detector = new(new PiiDetectorOptions(), new TestClock());

    public static TheoryData<string, string[]> RealColumns => new()
    {
        { PiiPatterns.Email, PiiSamples.Emails },
        { PiiPatterns.Phone, PiiSamples.Phones },
        { PiiPatterns.Ssn, PiiSamples.Ssns },
        { PiiPatterns.CreditCard, PiiSamples.Cards },
        { PiiPatterns.IpAddress, PiiSamples.Ips },
    };

    [Theory]
    [MemberData(nameof(RealColumns))]
    public void Scan_ColumnOfOneKind_FlagsThatPatternWithFullConfidence(string pattern, string[] values)
    {
        var result = Detector.Scan(values);

        Assert.Equal(PiiScanStatus.Detected, result.Status);
        Assert.Equal(pattern, result.Pattern);
        Assert.Equal(values.Length, result.Matched);
        Assert.Equal(values.Length, result.Sampled);
        Assert.Equal(1.0, result.Confidence);
        Assert.Equal(PiiPatterns.ValidatorOf(pattern), result.Validator);
    }

    [Theory]
    [MemberData(nameof(RealColumns))]
    public void Scan_RealValues_MatchNoOtherPattern(string pattern, string[] values)
    {
        var result = Detector.Scan(values);

        foreach (var other in PiiPatterns.ByPriority.Where(p => p != pattern))
        {
            Assert.Equal(0, result.MatchCounts[other]);
        }
    }

    public static TheoryData<string, string[]> Decoys => new()
    {
        { "16-digit non-Luhn", PiiSamples.NonLuhnCards },
        { "invalid SSNs", PiiSamples.InvalidSsns },
        { "invalid IPs", PiiSamples.InvalidIps },
        { "order ids", PiiSamples.OrderIds },
        { "UUIDs", PiiSamples.Uuids(50) },
        { "dates", PiiSamples.Dates },
        { "zip codes", PiiSamples.ZipCodes },
        { "prices", PiiSamples.Prices },
    };

    [Theory]
    [MemberData(nameof(Decoys))]
    public void Scan_Decoys_MatchNothing(string kind, string[] values)
    {
        var result = Detector.Scan(values);

        Assert.True(result.Status == PiiScanStatus.Clean, kind);
        Assert.All(result.MatchCounts, kv => Assert.True(kv.Value == 0, $"{kind}: {kv.Key} matched {kv.Value}"));
    }

    [Fact]
    public void Scan_Random16DigitNumbers_NeitherCardNorPhone()
    {
        var values = PiiSamples.Random16Digits(1000);
        // About one in ten random numbers passes Luhn by chance; count them independently.
        var luhnValid = values.Count(IndependentLuhn);

        var result = Detector.Scan(values);

        Assert.Equal(PiiScanStatus.Clean, result.Status);
        Assert.Equal(luhnValid, result.MatchCounts[PiiPatterns.CreditCard]);
        Assert.InRange(luhnValid, 50, 150);
        Assert.Equal(0, result.MatchCounts[PiiPatterns.Phone]);
    }

    [Fact]
    public void Scan_FortyPercentEmails_IsNotFlagged()
    {
        string[] values = [.. PiiSamples.Emails.Take(4), .. PiiSamples.OrderIds];

        var result = Detector.Scan(values);

        Assert.Equal(PiiScanStatus.Clean, result.Status);
        Assert.Null(result.Pattern);
        Assert.Equal(4, result.MatchCounts[PiiPatterns.Email]);
        Assert.Equal(10, result.Sampled);
    }

    [Fact]
    public void Scan_ExactlyHalfEmails_IsFlaggedAtThreshold()
    {
        string[] values = [.. PiiSamples.Emails.Take(5), .. PiiSamples.Prices];

        var result = Detector.Scan(values);

        Assert.Equal(PiiScanStatus.Detected, result.Status);
        Assert.Equal(PiiPatterns.Email, result.Pattern);
        Assert.Equal(0.5, result.Confidence);
    }

    [Fact]
    public void Scan_TwoPatternsAboveThreshold_PicksHigherConfidence()
    {
        // 6 phones of 10 (0.6) would beat 4 emails (0.4); use a threshold low enough for both to qualify.
        var lowThreshold = new PiiDetector(new PiiDetectorOptions { Threshold = 0.3 }, new TestClock());
        string[] values = [.. PiiSamples.Phones.Take(6), .. PiiSamples.Emails.Take(4)];

        var result = lowThreshold.Scan(values);

        Assert.Equal(PiiPatterns.Phone, result.Pattern);
        Assert.Equal(0.6, result.Confidence, 12);
    }

    [Fact]
    public void Scan_Tie_BrokenByFixedPriority()
    {
        // Five emails and five IP addresses: 0.5 each; EMAIL comes before IP_ADDRESS in the priority order.
        string[] values = [.. PiiSamples.Ips.Take(5), .. PiiSamples.Emails.Take(5)];

        var result = Detector.Scan(values);

        Assert.Equal(PiiPatterns.Email, result.Pattern);
        Assert.Equal(5, result.MatchCounts[PiiPatterns.IpAddress]);
    }

    [Fact]
    public void Scan_ValuesWithSurroundingSpaces_AreTrimmed()
    {
        var result = Detector.Scan(PiiSamples.Emails.Select(e => $"  {e}\t").ToList());

        Assert.Equal(PiiPatterns.Email, result.Pattern);
    }

    [Fact]
    public void Scan_NullEntries_AreNotCounted()
    {
        var result = Detector.Scan([null, "alice@example.com", null]);

        Assert.Equal(1, result.Sampled);
        Assert.Equal(PiiScanStatus.Detected, result.Status);
    }

    [Fact]
    public void Scan_Empty_IsCleanWithNothingSampled()
    {
        var result = Detector.Scan([]);

        Assert.Equal(PiiScanStatus.Clean, result.Status);
        Assert.Equal(0, result.Sampled);
    }

    [Fact]
    public void Scan_MoreThanLimit_ExaminesOnlyTheFirstThousand()
    {
        var values = Enumerable.Range(0, 1500).Select(i => $"user{i}@example.com").ToList();

        var result = Detector.Scan(values);

        Assert.Equal(1000, result.Sampled);
        Assert.Equal(1000, result.Matched);
    }

    [Fact]
    public void Scan_VeryLongValue_CountsAsNonMatchingWithoutHanging()
    {
        var result = Detector.Scan([new string('1', 100_000) + "@example.com", new string('a', 50_000)]);

        Assert.Equal(2, result.Sampled);
        Assert.Equal(PiiScanStatus.Clean, result.Status);
    }

    [Fact]
    public void Scan_ZeroBudget_TimesOutBeforeTheFirstValue()
    {
        var detector = new PiiDetector(new PiiDetectorOptions { ColumnBudget = TimeSpan.Zero }, new TestClock());

        var result = detector.Scan(PiiSamples.Emails);

        Assert.Equal(PiiScanStatus.TimedOut, result.Status);
        Assert.Null(result.Pattern);
        Assert.Equal(0, result.Sampled);
    }

    [Fact]
    public void Scan_BudgetRunsOutMidway_TimesOutAtACheckpoint()
    {
        // Every clock read advances 1 s. Reads: start (0 s), then a check before values 0, 10, 20…
        // which sees 1 s, 2 s, 3 s: the third check (before value 20) reaches the 3 s budget.
        var clock = new TestClock(DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1));
        var options = new PiiDetectorOptions { ColumnBudget = TimeSpan.FromSeconds(3), BudgetCheckInterval = 10 };
        var values = Enumerable.Range(0, 100).Select(i => $"user{i}@example.com").ToList();

        var result = new PiiDetector(options, clock).Scan(values);

        Assert.Equal(PiiScanStatus.TimedOut, result.Status);
        Assert.Equal(20, result.Sampled);
    }

    [Fact]
    public void Scan_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => Detector.Scan(PiiSamples.Emails, cts.Token));
    }

    [Fact]
    public void Result_HoldsNoSampledValue()
    {
        var result = Detector.Scan(PiiSamples.Ssns);

        var printed = result.ToString() + string.Join(",", result.MatchCounts);
        Assert.All(PiiSamples.Ssns, v => Assert.DoesNotContain(v, printed, StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_BadOptions_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PiiDetector(new PiiDetectorOptions { Threshold = 0 }));

    private static bool IndependentLuhn(string digits)
    {
        // Double every second digit from the right; the sum of digits must end in 0.
        var sum = 0;
        var reversed = digits.Reverse().ToArray();
        for (var i = 0; i < reversed.Length; i++)
        {
            var d = (reversed[i] - '0') * (i % 2 == 1 ? 2 : 1);
            sum += (d / 10) + (d % 10);
        }

        return sum % 10 == 0;
    }
}
