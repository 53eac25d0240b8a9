using System.Text;
using System.Text.Json;
using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Profiling.Tests.Baselines;

public sealed class BaselineJsonTests
{
    [Fact]
    public void Serialize_SmallBaseline_MatchesHandWrittenBytes() =>
        Assert.Equal(SampleBaselines.SmallJson, Encoding.UTF8.GetString(BaselineJson.Serialize(SampleBaselines.Small())));

    [Fact]
    public void Serialize_Twice_GivesIdenticalBytes() =>
        Assert.Equal(BaselineJson.Serialize(SampleBaselines.Small()), BaselineJson.Serialize(SampleBaselines.Small()));

    [Fact]
    public void Serialize_DictionaryAndListInsertionOrder_DoesNotMatter()
    {
        var a = SampleBaselines.Small();
        var b = a with
        {
            NullRates = a.NullRates.Reverse().ToDictionary(kv => kv.Key, kv => kv.Value),
            ColumnProfiles = a.ColumnProfiles.Reverse().ToDictionary(kv => kv.Key, kv => kv.Value),
            PartitionRowCounts = [.. a.PartitionRowCounts.Reverse()],
            PiiScan = a.PiiScan with { ColumnsScanned = ["email"], PiiPatternsDetected = a.PiiScan.PiiPatternsDetected.ToDictionary() },
        };

        Assert.Equal(BaselineJson.Serialize(a), BaselineJson.Serialize(b));
    }

    [Fact]
    public void Serialize_TopLevelKeys_InHldOrderThenLldAdditions()
    {
        using var doc = JsonDocument.Parse(BaselineJson.Serialize(SampleBaselines.Small()));

        Assert.Equal(
            ["dataset_urn", "bootstrap_id", "profiling_metadata", "volume", "schema", "timing", "pii_scan",
             "null_rates", "partition_row_counts", "column_profiles"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Serialize_Encoding_Utf8WithoutBomLfAndTrailingNewline()
    {
        var bytes = BaselineJson.Serialize(SampleBaselines.Small() with { DatasetUrn = "ds://curated/ordrés" });

        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal((byte)'\n', bytes[^1]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Contains("\"ds://curated/ordrés\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_SmallAndLargeNumbers_HaveNoExponent()
    {
        var baseline = SampleBaselines.Small() with
        {
            NullRates = new Dictionary<string, double> { ["a"] = 1e-5, ["b"] = 1.0 / 3, ["c"] = 2e-7, ["d"] = 1 },
        };

        var text = Encoding.UTF8.GetString(BaselineJson.Serialize(baseline));

        Assert.Contains("\"a\": 0.00001,", text, StringComparison.Ordinal);
        Assert.Contains("\"b\": 0.333333,", text, StringComparison.Ordinal);
        Assert.Contains("\"c\": 0,", text, StringComparison.Ordinal);
        Assert.Contains("\"d\": 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("E-", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_PiiColumn_NeverWritesMinMax()
    {
        var baseline = SampleBaselines.Small();

        using var doc = JsonDocument.Parse(BaselineJson.Serialize(baseline));
        var email = doc.RootElement.GetProperty("column_profiles").GetProperty("email");

        Assert.NotNull(baseline.ColumnProfiles["email"].Min);
        Assert.False(email.TryGetProperty("min", out _));
        Assert.False(email.TryGetProperty("max", out _));
    }

    [Fact]
    public void Deserialize_Serialized_RoundTripsToTheSameBytes()
    {
        var bytes = BaselineJson.Serialize(SampleBaselines.Small());

        var read = BaselineJson.Deserialize(bytes);

        Assert.Equal(bytes, BaselineJson.Serialize(read));
        Assert.Equal("2026-02-15T10:35:00Z", read.ProfilingMetadata.ProfiledAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("300", read.ColumnProfiles["id"].Max!.Text);
        Assert.True(read.ColumnProfiles["id"].Max!.IsNumber);
        Assert.Equal([150L, 150L], read.ColumnProfiles["id"].Histogram!.Counts);
    }

    [Fact]
    public void Deserialize_TemporalBounds_RoundTrip()
    {
        var baseline = SampleBaselines.Small() with
        {
            ColumnProfiles = new Dictionary<string, ColumnProfile>
            {
                ["d"] = new() { NullCount = 0, NullRate = 0, Min = ColumnBound.Date(new DateOnly(2026, 2, 1)), Max = ColumnBound.Timestamp(new DateTime(2026, 2, 3, 4, 5, 6, 7)) },
                ["t"] = new() { NullCount = 0, NullRate = 0, Min = ColumnBound.Timestamp(new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.FromHours(2))), Max = ColumnBound.Number(12.50m) },
            },
        };
        var bytes = BaselineJson.Serialize(baseline);
        var text = Encoding.UTF8.GetString(bytes);

        Assert.Contains("\"min\": \"2026-02-01\"", text, StringComparison.Ordinal);
        Assert.Contains("\"max\": \"2026-02-03T04:05:06.007\"", text, StringComparison.Ordinal);
        Assert.Contains("\"min\": \"2026-02-03T02:05:06Z\"", text, StringComparison.Ordinal);
        Assert.Contains("\"max\": 12.50", text, StringComparison.Ordinal);
        Assert.Equal(bytes, BaselineJson.Serialize(BaselineJson.Deserialize(bytes)));
    }

    [Fact]
    public void Deserialize_ExponentBound_IsWrittenBackPlain()
    {
        var text = SampleBaselines.SmallJson.Replace("\"max\": 300,", "\"max\": 3e2,", StringComparison.Ordinal);

        var read = BaselineJson.Deserialize(Encoding.UTF8.GetBytes(text));

        Assert.Equal("300", read.ColumnProfiles["id"].Max!.Text);
    }

    [Fact]
    public void Deserialize_LeadingBom_IsAccepted()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. BaselineJson.Serialize(SampleBaselines.Small())];

        Assert.Equal("boot-1", BaselineJson.Deserialize(bytes).BootstrapId);
    }

    [Fact]
    public void Deserialize_MissingRequiredField_NamesIt()
    {
        var text = SampleBaselines.SmallJson.Replace("    \"avg_row_count\": 100,\n", string.Empty, StringComparison.Ordinal);

        var ex = Assert.Throws<BaselineFormatException>(() => BaselineJson.Deserialize(Encoding.UTF8.GetBytes(text), "orders/baseline.json"));

        Assert.StartsWith("orders/baseline.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("avg_row_count", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnknownField_IsRefused()
    {
        var text = SampleBaselines.SmallJson.Replace("\"bootstrap_id\"", "\"bootstrapid\"", StringComparison.Ordinal);

        var ex = Assert.Throws<BaselineFormatException>(() => BaselineJson.Deserialize(Encoding.UTF8.GetBytes(text)));
        Assert.Contains("bootstrapid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_FreeTextBound_IsRefused()
    {
        var text = SampleBaselines.SmallJson.Replace("\"min\": 1,", "\"min\": \"jane@example.com\",", StringComparison.Ordinal);

        var ex = Assert.Throws<BaselineFormatException>(() => BaselineJson.Deserialize(Encoding.UTF8.GetBytes(text)));
        Assert.DoesNotContain("jane@example.com", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_HistogramEdgesMismatch_IsRefused()
    {
        var text = SampleBaselines.SmallJson.Replace("          150.5,\n", string.Empty, StringComparison.Ordinal);

        var ex = Assert.Throws<BaselineFormatException>(() => BaselineJson.Deserialize(Encoding.UTF8.GetBytes(text)));
        Assert.Contains("histogram", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_NotJson_IsRefused() =>
        Assert.Throws<BaselineFormatException>(() => BaselineJson.Deserialize("{ nope"u8));
}
