using SignalFactory.DuckDb;
using SignalFactory.Profiling.Engine;

namespace SignalFactory.Profiling.Tests.Engine;

public sealed class RowGroupSamplerTests
{
    private static InventoryFile File(string name, params long[] rowGroups) =>
        new(new ScanFile(name), rowGroups.Sum(), rowGroups, []);

    [Fact]
    public void Choose_TargetAboveTotal_EveryRowAsWholeFiles()
    {
        var files = new[] { File("a", 10, 10), File("b", 5) };

        var ranges = RowGroupSampler.Choose(files, 100, wholeFilesOnly: false);

        Assert.Equal([("a", 0L, 20L), ("b", 0L, 5L)], ranges.Select(r => (r.File.Path, r.Start, r.End)));
        Assert.All(ranges, r => Assert.True(r.IsWholeFile));
    }

    [Fact]
    public void Choose_TenPercentOfEqualRowGroups_EvenlySpacedWholeRowGroups()
    {
        // 10 files × 10 row groups of 100 rows; 10 % = 10 row groups, one per file, in the middle of each step.
        var files = Enumerable.Range(0, 10).Select(i => File($"f{i}", Enumerable.Repeat(100L, 10).ToArray())).ToArray();

        var ranges = RowGroupSampler.Choose(files, 1000, wholeFilesOnly: false);

        Assert.Equal(10, ranges.Count);
        Assert.All(ranges, r => Assert.Equal(100, r.Rows));
        Assert.Equal(files.Select(f => f.Path), ranges.Select(r => r.File.Path));
        Assert.All(ranges, r => Assert.Equal(500, r.Start)); // points at 500, 1500, … fall in each file's 6th group
    }

    [Fact]
    public void Choose_SameInput_SameRanges()
    {
        var files = new[] { File("a", 7, 300, 12, 90), File("b", 1000), File("c", 3, 3, 3) };

        var first = RowGroupSampler.Choose(files, 150, wholeFilesOnly: false);
        var second = RowGroupSampler.Choose(files, 150, wholeFilesOnly: false);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Choose_HugeRowGroup_CutToItsShare()
    {
        var files = new[] { File("a", 1_000_000) };

        var ranges = RowGroupSampler.Choose(files, 1000, wholeFilesOnly: false);

        var range = Assert.Single(ranges);
        Assert.Equal((0L, 1000L), (range.Start, range.End));
    }

    [Fact]
    public void Choose_WholeFilesOnly_NeverCutsAFile()
    {
        var files = Enumerable.Range(0, 10).Select(i => File($"f{i}", 100, 100)).ToArray();

        var ranges = RowGroupSampler.Choose(files, 400, wholeFilesOnly: true);

        Assert.Equal(2, ranges.Count);
        Assert.All(ranges, r => Assert.True(r.IsWholeFile));
    }

    [Fact]
    public void Choose_AdjacentPicks_MergedIntoOneRange()
    {
        var files = new[] { File("a", 10, 10, 10, 10) };

        // Three points at 6.7, 20 and 33.3 pick groups 0, 2 and 3; groups 2 and 3 touch.
        var ranges = RowGroupSampler.Choose(files, 30, wholeFilesOnly: false);

        Assert.Equal([(0L, 10L), (20L, 40L)], ranges.Select(r => (r.Start, r.End)));
    }

    [Fact]
    public void ChooseFrom_Ranges_PicksOnlyRowGroupsInsideThem()
    {
        var file = File("a", Enumerable.Repeat(100L, 20).ToArray());
        var ranges = new[] { new RowRange(file, 300, 700), new RowRange(file, 1500, 1600) };

        var chosen = RowGroupSampler.ChooseFrom(ranges, 200, wholeFilesOnly: false);

        Assert.Equal(200, chosen.Sum(r => r.Rows));
        Assert.All(chosen, c => Assert.Contains(ranges, r => c.Start >= r.Start && c.End <= r.End));
    }

    [Fact]
    public void Head_ManyRanges_AtMostTheLimitEachCut()
    {
        var file = File("a", Enumerable.Repeat(1000L, 10).ToArray());
        var ranges = Enumerable.Range(0, 10).Select(i => new RowRange(file, i * 1000, (i + 1) * 1000)).ToList();

        var head = RowGroupSampler.Head(ranges, 300, maxRanges: 3);

        Assert.Equal(3, head.Count);
        Assert.All(head, r => Assert.Equal(100, r.Rows));
    }
}

public sealed class DistinctEstimatorTests
{
    [Fact]
    public void Estimate_AllDistinctInSample_KeyColumnGivesAllValues() =>
        Assert.Equal(1_000_000, DistinctEstimator.Estimate(100_000, 100_000, 1_000_000));

    [Fact]
    public void Estimate_FewValuesSeenManyTimes_StaysAtWhatWasSeen() =>
        Assert.Equal(5, DistinctEstimator.Estimate(5, 100_000, 7_000_000));

    [Fact]
    public void Estimate_SampleIsEverything_NoExtrapolation() =>
        Assert.Equal(1234, DistinctEstimator.Estimate(1234, 5000, 5000));

    [Theory]
    [InlineData(10_000_000, 900_000, 6_300_000)]
    [InlineData(50_000, 100_000, 1_000_000)]
    [InlineData(2_000_000, 1_000_000, 7_000_000)]
    public void Estimate_UniformValues_RecoversTheModelCount(double domain, long n, long total)
    {
        // Expected distinct of a uniform draw: D·(1 − e^(−n/D)); feed the sample's, expect the total's.
        var seen = (long)Math.Round(domain * -double.ExpM1(-n / domain));
        var expected = domain * -double.ExpM1(-total / domain);

        var estimate = DistinctEstimator.Estimate(seen, n, total);

        Assert.InRange(estimate, expected * 0.99, expected * 1.01);
    }

    [Fact]
    public void Estimate_NothingSeen_Zero() => Assert.Equal(0, DistinctEstimator.Estimate(0, 0, 100));
}

public sealed class ScanErrorsTests
{
    [Fact]
    public void Reason_PathAndQuotedValues_FileNameKeptValuesBlanked()
    {
        var path = "/data/lake/t/part-0.parquet";
        var error = new DuckDbException(
            $"Conversion Error: Could not convert string 'alice@example.com' to INT32 in file \"{path}\"\nLINE 1: SELECT …",
            DuckDbErrorType.Conversion);

        var reason = ScanErrors.Reason(error, path);

        Assert.Equal("Conversion Error: Could not convert string '…' to INT32 in file \"part-0.parquet\"", reason);
    }

    [Theory]
    [InlineData("Invalid Input Error: Failed to read file \"/a.parquet\": Unsupported compression codec \"LZ4\". Supported options are snappy", DuckDbErrorType.InvalidInput, true)]
    [InlineData("Invalid Error: BYTE_STREAM_SPLIT encoding is only supported for FLOAT or DOUBLE data", DuckDbErrorType.Invalid, true)]
    [InlineData("Not implemented Error: something new", DuckDbErrorType.NotImplemented, true)]
    [InlineData("IO Error: Snappy decompression failure", DuckDbErrorType.IO, false)]
    [InlineData("Conversion Error: Could not convert string 'x' to INT32", DuckDbErrorType.Conversion, false)]
    [InlineData("Invalid Error: TProtocolException: Invalid data", DuckDbErrorType.Invalid, false)]
    public void IsUnsupportedFeature_DuckDbMessages_OnlyMissingFeaturesCount(string message, DuckDbErrorType type, bool expected) =>
        Assert.Equal(expected, ScanErrors.IsUnsupportedFeature(new DuckDbException(message, type)));

    [Fact]
    public void Reason_LongMessage_Truncated()
    {
        var reason = ScanErrors.Reason(new DuckDbException(new string('x', 1000)), "/a.parquet");

        Assert.True(reason.Length <= 241);
    }
}

public sealed class ScanRequestsTests
{
    [Theory]
    [InlineData("long", "BIGINT")]
    [InlineData("integer", "INTEGER")]
    [InlineData("short", "SMALLINT")]
    [InlineData("byte", "TINYINT")]
    [InlineData("double", "DOUBLE")]
    [InlineData("float", "FLOAT")]
    [InlineData("boolean", "BOOLEAN")]
    [InlineData("date", "DATE")]
    [InlineData("timestamp", "TIMESTAMP WITH TIME ZONE")]
    [InlineData("timestamp_ntz", "TIMESTAMP")]
    [InlineData("decimal(10,2)", "DECIMAL(10,2)")]
    [InlineData("binary", "VARCHAR")]
    [InlineData("string", "VARCHAR")]
    [InlineData("struct<a:int>", "VARCHAR")]
    public void DuckDbTypeOf_DeltaPrimitive_DuckDbType(string delta, string duck) =>
        Assert.Equal(duck, SignalFactory.Storage.Delta.DeltaTypes.ToDuckDbType(delta));
}

public sealed class ProfileScanRequestValidationTests
{
    public static TheoryData<string, ProfileScanRequest> InvalidRequests() => new()
    {
        { "repeats the file", new ProfileScanRequest { Files = [new ScanFile("/a.parquet"), new ScanFile("/a.parquet")] } },
        { "has no path", new ProfileScanRequest { Files = [new ScanFile(" ")] } },
        { "HistogramBinCount", new ProfileScanRequest { Files = [], HistogramBinCount = 0 } },
        { "DistinctSampleSize", new ProfileScanRequest { Files = [], DistinctSampleSize = -1 } },
        { "SketchSampleRows", new ProfileScanRequest { Files = [], SketchSampleRows = 0 } },
        { "Threads", new ProfileScanRequest { Files = [], Threads = 0 } },
        { "OutOfMemorySampleRate", new ProfileScanRequest { Files = [], OutOfMemorySampleRate = 0 } },
        { "repeated key", new ProfileScanRequest { Files = [], PartitionColumns = [new PartitionColumn("dt"), new PartitionColumn("DT")] } },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task ProfileAsync_InvalidRequest_ArgumentErrorNamingTheField(string field, ProfileScanRequest request)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => new DuckDbProfiler().ProfileAsync(request));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileAsync_NoFiles_EmptyResult()
    {
        var result = await new DuckDbProfiler().ProfileAsync(new ProfileScanRequest { Files = [] });

        Assert.Equal((0, 0L), (result.Columns.Count, result.TotalRows));
    }

    [Fact]
    public void Sampled_RateOutOfRange_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScanMode.Sampled(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScanMode.Sampled(1.5));
        Assert.Equal("sampled(0.25)", ScanMode.Sampled(0.25).ToString());
    }

    [Fact]
    public async Task ProfileAsync_InvalidMemoryLimit_ArgumentError()
    {
        var request = new ProfileScanRequest { Files = [], MemoryLimit = "lots" };

        await Assert.ThrowsAsync<ArgumentException>(() => new DuckDbProfiler().ProfileAsync(request));
    }
}
