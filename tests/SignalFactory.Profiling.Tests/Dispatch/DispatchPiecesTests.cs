using SignalFactory.Core.Manifests;
using SignalFactory.Profiling.Dispatch;
using SignalFactory.Profiling.Tests.Dispatch.Support;

namespace SignalFactory.Profiling.Tests.Dispatch;

/// <summary>The dispatcher's small pure pieces: partition order, location rules, schedules, min/max parsing.</summary>
public sealed class DispatchPiecesTests
{
    [Fact]
    public void Group_DatesNumbersAndNulls_NewestFirst()
    {
        InventoryFile F(params (string K, string? V)[] values) =>
            new("/f" + Guid.NewGuid(), values.ToDictionary(v => v.K, v => v.V), null, null, null);

        var dates = PartitionOrder.Group([F(("dt", "2026-01-09")), F(("dt", null)), F(("dt", "2026-01-10")), F(("dt", "2025-12-31"))], ["dt"]);
        var numbers = PartitionOrder.Group([F(("n", "9")), F(("n", "10")), F(("n", "-1"))], ["n"]);
        var nested = PartitionOrder.Group([F(("y", "2021"), ("m", "4")), F(("y", "2021"), ("m", "12")), F(("y", "2020"), ("m", "12"))], ["y", "m"]);

        Assert.Equal(["2026-01-10", "2026-01-09", "2025-12-31", "__HIVE_DEFAULT_PARTITION__"], dates.Select(p => p.Label));
        Assert.Equal(["10", "9", "-1"], numbers.Select(p => p.Label));
        Assert.Equal(["y=2021/m=12", "y=2021/m=4", "y=2020/m=12"], nested.Select(p => p.Label));
    }

    [Fact]
    public void GroupingKeys_ManifestKeyAmongSeveral_GroupsByItAlone_UnknownKey_Warns()
    {
        Assert.Equal(["dt"], PartitionOrder.GroupingKeys(["region", "dt"], "dt").Keys);
        var (keys, warning) = PartitionOrder.GroupingKeys(["year", "month"], "dt");
        Assert.Equal(["year", "month"], keys);
        Assert.Equal("PARTITION_KEY_NOT_FOUND", warning!.Code);
        Assert.Contains("'dt'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileAsync_PartitionKeyAmongSeveralColumns_PartitionsAreItsValues()
    {
        var root = Path.Combine(TestData.Delta, "delta-0.8.0-partitioned");

        var outcome = await Profiles.RunAsync(Profiles.Delta(root, partitionKey: "year"), Profiles.Options(lookback: 100));

        Assert.Equal(["2021", "2020"], outcome.ScannedPartitions.Select(p => p.Partition));
        Assert.Equal(outcome.Baseline.ProfilingMetadata.TotalRowsSampled, outcome.ScannedPartitions.Sum(p => p.RowCount));
    }

    [Theory]
    [InlineData("s3://bucket/orders", "S3")]
    [InlineData("relative/path", "relative path")]
    [InlineData("hdfs://nn/orders", "scheme")]
    [InlineData("/definitely/not/here/sf-missing", "does not exist")]
    public void Resolve_UnusableLocation_InvalidLocationNamingTheField(string location, string expected)
    {
        var manifest = Profiles.Parquet(location);

        var ex = Assert.Throws<DatasetProfilingException>(() => TableLocator.Resolve(manifest));

        Assert.Equal(ProfilingFailure.InvalidLocation, ex.Failure);
        Assert.Contains("storage.silver", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_FileUriAndPreference_GoldBeforeSilverBeforeBronze()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(temp.Combine("gold dir"));
        Directory.CreateDirectory(temp.Combine("silver"));
        var uri = new Uri(temp.Combine("gold dir")).AbsoluteUri;
        var manifest = new DatasetManifest
        {
            Urn = "ds://a/b",
            Tier = Tiers.Tier3,
            Storage = new StorageSpec { Format = "parquet", Gold = uri, Silver = temp.Combine("silver"), Bronze = "s3://b/c" },
        };

        var location = TableLocator.Resolve(manifest);

        Assert.Equal(temp.Combine("gold dir"), location.Path);
        Assert.Equal("storage.gold", location.Field);
        Assert.Equal(temp.Combine("silver"), TableLocator.Resolve(manifest with { Storage = manifest.Storage with { Gold = null } }).Path);
    }

    [Fact]
    public void Resolve_DeltaWithoutGold_RefusedEvenWithSilver()
    {
        using var temp = new TempDir();
        var manifest = Profiles.Delta(temp.Path) with { Storage = new StorageSpec { Format = "delta", Silver = temp.Path } };

        var ex = Assert.Throws<DatasetProfilingException>(() => TableLocator.Resolve(manifest));

        Assert.Contains("storage.gold", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("02:00 ET daily", "2026-02-14", "2026-02-15T07:00:00Z")]
    [InlineData("02:00 ET daily", "2026-07-14", "2026-07-15T06:00:00Z")]
    [InlineData("6:30", "2026-02-14", "2026-02-15T06:30:00Z")]
    [InlineData("23:15 UTC", "2026-02-14", "2026-02-15T23:15:00Z")]
    [InlineData("05:00 Europe/Berlin", "2026-02-14", "2026-02-15T04:00:00Z")]
    [InlineData("02:30 PT", "2026-03-07", "2026-03-08T10:30:00Z")]
    public void ArrivalSchedule_Understood_DueTheNextDayInThatZone(string text, string date, string expectedUtc)
    {
        var due = ArrivalSchedule.TryParse(text)!;

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), due(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("by morning")]
    [InlineData("25:00 UTC")]
    [InlineData("02:00 Mars/Olympus")]
    [InlineData("")]
    public void ArrivalSchedule_NotUnderstood_Null(string text) => Assert.Null(ArrivalSchedule.TryParse(text));

    [Theory]
    [InlineData("BIGINT", "-42", "-42")]
    [InlineData("HUGEINT", "170141183460469231731687303715884105727", "170141183460469231731687303715884105727")]
    [InlineData("DECIMAL(12,2)", "12.50", "12.50")]
    [InlineData("DOUBLE", "0.1", "0.1")]
    [InlineData("DOUBLE", "1e+20", "100000000000000000000")]
    [InlineData("DATE", "2026-02-14", "2026-02-14")]
    [InlineData("TIMESTAMP", "2026-02-14 10:00:00.123456789", "2026-02-14T10:00:00.1234567")]
    [InlineData("TIMESTAMP WITH TIME ZONE", "2026-02-14 10:00:00+01", "2026-02-14T09:00:00Z")]
    [InlineData("TIMESTAMP WITH TIME ZONE", "2026-02-14 10:00:00.5+05:30", "2026-02-14T04:30:00.5Z")]
    [InlineData("TIME", "23:59:59.5", "23:59:59.5")]
    public void ColumnBounds_NumericAndTemporal_Parsed(string type, string text, string expected) =>
        Assert.Equal(expected, ColumnBounds.Parse(type, text)!.Text);

    [Theory]
    [InlineData("VARCHAR", "alice@example.com")]
    [InlineData("BOOLEAN", "true")]
    [InlineData("DOUBLE", "inf")]
    [InlineData("DATE", "infinity")]
    [InlineData("INTEGER[]", "[1, 2]")]
    [InlineData("TIME WITH TIME ZONE", "10:00:00+00")]
    public void ColumnBounds_StringsAndUnrepresentable_NoBound(string type, string text) =>
        Assert.Null(ColumnBounds.Parse(type, text));

    [Fact]
    public void ValueFree_QuotedTextOtherThanTheFile_Blanked()
    {
        var reason = ScanPlanner.ValueFree("Conversion Error: could not convert 'alice@example.com' in \"/t/a.parquet\" or 'a.parquet'", "/t/a.parquet");

        Assert.Equal("Conversion Error: could not convert '…' in \"/t/a.parquet\" or 'a.parquet'", reason);
    }
}
