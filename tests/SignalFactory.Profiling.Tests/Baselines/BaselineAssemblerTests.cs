using System.Text;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Pii;
using SignalFactory.Profiling.Schema;
using SignalFactory.Profiling.Tests.Pii;
using SignalFactory.Profiling.Tests.Synthetic;
using SignalFactory.Profiling.Tests.TestSupport;
using SignalFactory.Profiling.Timing;

namespace SignalFactory.Profiling.Tests.Baselines;

public sealed class BaselineAssemblerTests
{
    private readonly BaselineAssembler _assembler = new(new TestClock());

    private static ProfiledSections WithPartitions(params long[] counts) =>
        SyntheticBaselineGeneratorTests.ObservedTwoPartitions() with
        {
            PartitionRowCounts = [.. counts.Select((c, i) => new PartitionRowCount { Partition = $"2026-02-{i + 1:00}", RowCount = c })],
            TotalRowsSampled = counts.Sum(),
        };

    [Fact]
    public void Assemble_SevenPartitions_IsComputedWithHighConfidence()
    {
        var b = _assembler.Assemble("ds://curated/orders", "TIER_1", "boot-1", WithPartitions(100, 100, 100, 100, 100, 100, 100));

        Assert.False(b.ProfilingMetadata.IsSynthetic);
        Assert.Equal("HIGH", b.ProfilingMetadata.Confidence);
        Assert.Equal("profiled", b.ProfilingMetadata.VolumeSource);
        Assert.Equal(["2026-02-01", "2026-02-07"], b.ProfilingMetadata.DateRange);
        Assert.Equal(700, b.ProfilingMetadata.TotalRowsSampled);
        Assert.Equal(100, b.Volume.AvgRowCount);
        Assert.Equal(2.0, b.Volume.SigmaMultiplier);
    }

    [Fact]
    public void Assemble_ThreePartitions_IsComputedWithMediumConfidence()
    {
        var b = _assembler.Assemble("ds://curated/orders", "TIER_1", "boot-1", WithPartitions(90, 100, 110));

        Assert.False(b.ProfilingMetadata.IsSynthetic);
        Assert.Equal("MEDIUM", b.ProfilingMetadata.Confidence);
        Assert.Equal(80, b.Volume.AnomalyLowerBound);
        Assert.Equal(120, b.Volume.AnomalyUpperBound);
        Assert.Null(b.ProfilingMetadata.SyntheticReason);
        Assert.Null(b.ProfilingMetadata.AutoRefineAfterRuns);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)] // unpartitioned
    public void Assemble_FewerThanThreePartitions_SyntheticVolumeButProfiledSchema(int partitions)
    {
        var observed = WithPartitions([.. Enumerable.Repeat(100L, partitions)]) with { TotalRowsSampled = 200 };

        var b = _assembler.Assemble("ds://curated/orders", "TIER_2", "boot-1", observed);

        Assert.True(b.ProfilingMetadata.IsSynthetic);
        Assert.Equal("NO_HISTORY", b.ProfilingMetadata.SyntheticReason);
        Assert.Equal("LOW", b.ProfilingMetadata.Confidence);
        Assert.Equal(100_000, b.Volume.AvgRowCount);
        Assert.Equal(2, b.Schema.ColumnCount);
        Assert.NotEqual(SchemaBaseline.SyntheticPendingFingerprint, b.Schema.CanonicalFingerprint);
        Assert.Equal(0.25, b.NullRates["email"]);
        Assert.Equal(200, b.ProfilingMetadata.TotalRowsSampled);
    }

    [Fact]
    public void Serialize_BaselineFromPiiScan_ContainsNoSampledValue()
    {
        // Scan real-looking values of every kind, build the baseline from the results, and look for each value
        // (and each value without separators) in the bytes.
        var detector = new PiiDetector(new PiiDetectorOptions(), new TestClock());
        var columns = new Dictionary<string, string[]>
        {
            ["email"] = PiiSamples.Emails,
            ["phone"] = PiiSamples.Phones,
            ["ssn"] = PiiSamples.Ssns,
            ["card"] = PiiSamples.Cards,
            ["ip"] = PiiSamples.Ips,
            ["order_id"] = PiiSamples.OrderIds,
        };
        var results = columns.ToDictionary(kv => kv.Key, kv => detector.Scan(kv.Value));
        var schema = SchemaSection.From([.. columns.Keys.Select(c => new SchemaColumn { Name = c, Type = "STRING", Nullable = true })]);
        var observed = WithPartitions(90, 100, 110) with
        {
            Schema = schema,
            PiiScan = PiiScanSection.From(results),
            ColumnProfiles = columns.Keys.ToDictionary(
                c => c,
                c => new ColumnProfile { NullCount = 0, NullRate = 0, StringLength = new StringLengthStats { Min = 1, Max = 30, Avg = 12 } }),
            Timing = TimingStatistics.From([1000, 2000], [], TimingSources.DeltaCommitInfo),
        };

        var text = Encoding.UTF8.GetString(BaselineJson.Serialize(_assembler.Assemble("ds://curated/people", "TIER_1", "boot-1", observed)));

        Assert.Contains("\"CREDIT_CARD\"", text, StringComparison.Ordinal);
        foreach (var value in columns.Values.SelectMany(v => v).Where(v => v.Length > 5))
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
            var digits = string.Concat(value.Where(char.IsAsciiDigit));
            if (digits.Length >= 7)
            {
                Assert.DoesNotContain(digits, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void PiiScanSection_From_RecordsDetectedScannedAndTimedOutColumns()
    {
        var detector = new PiiDetector(new PiiDetectorOptions(), new TestClock());
        var timedOut = new PiiDetector(new PiiDetectorOptions { ColumnBudget = TimeSpan.Zero }, new TestClock());
        var results = new Dictionary<string, PiiColumnResult>
        {
            ["zip"] = detector.Scan(PiiSamples.ZipCodes),
            ["card"] = detector.Scan(PiiSamples.Cards),
            ["notes"] = timedOut.Scan(PiiSamples.Emails),
        };

        var section = PiiScanSection.From(results);
        var warning = Assert.Single(PiiScanSection.Warnings(results));

        Assert.Equal(["card"], section.ColumnsWithPii);
        Assert.Equal(["card", "zip"], section.ColumnsScanned);
        Assert.Equal(["notes"], section.Timeouts);
        var finding = section.PiiPatternsDetected["card"];
        Assert.Equal(("CREDIT_CARD", 1.0, "luhn", 10, 10), (finding.Pattern, finding.Confidence, finding.Validator, finding.Matched, finding.Sampled));
        Assert.Equal(("PII_SCAN_TIMEOUT", "notes"), (warning.Code, warning.Column));
    }
}
