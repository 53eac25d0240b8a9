using System.Text.Json;
using SignalFactory.Policy.Certification;
using SignalFactory.Policy.Tests.Certification.Support;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Schema;

namespace SignalFactory.Policy.Tests.Certification;

[Collection(ExampleLakeCollection.Name)]
public sealed class SchemaCheckTests(ExampleLakeFixture lake)
{
    [Fact]
    public async Task CertifyAsync_BaselineFingerprintOfTheSameSchema_Matches()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = await ExampleLakeFixture.ManifestAsync(lake.Orders);
        var expected = OrdersFingerprintFromFirstPrinciples(lake.Orders.Path);

        var result = await harness.CertifyAsync(manifest, expected);

        Assert.Equal(CertificationStatus.Certified, result.Status);
        Assert.Equal(SchemaCheckOutcome.Matched, result.SchemaCheck);
        Assert.Equal(expected, result.ObservedSchemaFingerprint);
        Assert.Equal(expected, result.Record!.ExpectedSchemaFingerprint);
    }

    [Fact]
    public async Task CertifyAsync_BaselineFingerprintDiffers_SchemaChangedAndNothingCertified()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = await ExampleLakeFixture.ManifestAsync(lake.Orders);
        var baseline = "sha256:" + new string('0', 64);

        var result = await harness.CertifyAsync(manifest, baseline);

        Assert.Equal(CertificationStatus.SchemaChanged, result.Status);
        Assert.Equal(SchemaCheckOutcome.Changed, result.SchemaCheck);
        Assert.Contains("profiled again", result.Message, StringComparison.Ordinal);
        Assert.NotNull(result.Pointer);
        var stored = await harness.Store.GetAsync(manifest.Urn!, CancellationToken.None);
        Assert.Equal(CertificationStatus.SchemaChanged, stored!.CertificationStatus);
        Assert.Null(stored.CertifiedPointer);
        Assert.Null(stored.CurrentCertifiedVersion);
        Assert.Equal(baseline, stored.ExpectedSchemaFingerprint);
        Assert.Equal(result.ObservedSchemaFingerprint, stored.ObservedSchemaFingerprint);
    }

    [Fact]
    public async Task CertifyAsync_SchemaChangedAfterCertification_KeepsTheCertifiedPointer()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = await ExampleLakeFixture.ManifestAsync(lake.Events);
        var certified = await harness.CertifyAsync(manifest, null);

        var changed = await harness.CertifyAsync(manifest, "sha256:" + new string('1', 64));
        var reprofiled = await harness.CertifyAsync(manifest, certified.ObservedSchemaFingerprint);

        Assert.Equal(CertificationStatus.SchemaChanged, changed.Status);
        Assert.Equal(certified.Record!.CertifiedPointer, changed.Record!.CertifiedPointer);
        Assert.Equal("v0", changed.Record.CurrentCertifiedVersion);
        Assert.Equal(CertificationStatus.Certified, reprofiled.Status);
        Assert.Equal(SchemaCheckOutcome.Matched, reprofiled.SchemaCheck);
        Assert.Equal("v0", reprofiled.Record!.CurrentCertifiedVersion);
    }

    [Fact]
    public async Task CertifyAsync_SyntheticPendingBaseline_SkipsTheCheck()
    {
        using var harness = await CertificationHarness.CreateAsync();
        var manifest = await ExampleLakeFixture.ManifestAsync(lake.Sessions);

        var result = await harness.CertifyAsync(manifest, SchemaBaseline.SyntheticPendingFingerprint);

        Assert.Equal(CertificationStatus.Certified, result.Status);
        Assert.Equal(SchemaCheckOutcome.SyntheticPending, result.SchemaCheck);
    }

    [Fact]
    public async Task CertifyAsync_ColumnAddedInNewestParquetPartition_SchemaChanged()
    {
        using var temp = new TestSupport.TempFolder();
        using var harness = await CertificationHarness.CreateAsync();
        var root = temp.Combine("events");
        LakeFiles.WriteParquet(Path.Combine(root, "dt=2026-01-01", "part-0.parquet"), 3);
        var manifest = DeltaCertificationTests.With(await ExampleLakeFixture.ManifestAsync(lake.Events), root);
        var before = await harness.CertifyAsync(manifest);

        var newFile = Path.Combine(root, "dt=2026-01-02", "part-0.parquet").Replace("'", "''", StringComparison.Ordinal);
        Directory.CreateDirectory(Path.GetDirectoryName(newFile)!);
        LakeFiles.Rows($"COPY (SELECT 1::BIGINT AS id, 'a' AS name, 2.5::DOUBLE AS score) TO '{newFile}' (FORMAT parquet)");
        var after = await harness.CertifyAsync(manifest, before.ObservedSchemaFingerprint);

        Assert.Equal(SchemaCheckOutcome.NotRequested, before.SchemaCheck);
        Assert.Equal(CertificationStatus.SchemaChanged, after.Status);
        Assert.Contains(after.ObservedColumns, c => c.Name == "score" && c.Type == "DOUBLE");
        Assert.Contains(after.ObservedColumns, c => c.Name == "dt" && c.Type == "STRING" && c.Nullable);
    }

    // The fingerprint a profiler gives the orders table, derived here from the files and the Delta schema directly:
    // data columns and types from DuckDB over the newest partition's files, nullability from the log's schemaString,
    // the partition column dt with the type the schema declares (string -> VARCHAR).
    private static string OrdersFingerprintFromFirstPrinciples(string tableRoot)
    {
        var firstCommit = File.ReadLines(Path.Combine(tableRoot, "_delta_log", "00000000000000000000.json"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.TryGetProperty("metaData", out _))
            .GetProperty("metaData");
        var nullable = JsonDocument.Parse(firstCommit.GetProperty("schemaString").GetString()!).RootElement
            .GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("nullable").GetBoolean());

        var files = Directory.GetFiles(LakeFiles.NewestDtFolder(tableRoot), "*.parquet");
        var columns = LakeFiles.Rows("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($1))", [files])
            .Select(r => ((string)r[0]!, (string)r[1]!))
            .Where(c => c.Item1 != "dt")
            .Select(c => new FingerprintColumn(c.Item1, TypeNormalizer.Normalize(c.Item2), nullable[c.Item1]))
            .Append(new FingerprintColumn("dt", TypeNormalizer.Normalize("VARCHAR"), nullable["dt"]));
        return SchemaFingerprint.Compute(columns);
    }
}
