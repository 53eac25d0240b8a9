using SignalFactory.DuckDb;
using SignalFactory.Policy.Certification;
using SignalFactory.Policy.Certification.Inspection;
using SignalFactory.Policy.Tests.TestSupport;
using SignalFactory.Profiling.Schema;

namespace SignalFactory.Policy.Tests.Certification;

public sealed class CurrentSchemaReaderTests
{
    // parquet-testing's repeated_no_annotation.parquet declares "required int32 id" and "optional group phoneNumbers
    // { repeated group phone { required int64 number; optional binary kind } }": one REQUIRED top-level field, and a
    // nested group whose REQUIRED children must not count as top-level fields.
    [Fact]
    public async Task ReadAsync_RequiredTopLevelField_IsNotNullableAndNestedFieldsAreSkipped()
    {
        using var temp = new TempFolder();
        var first = temp.Combine("a.parquet");
        var second = temp.Combine("b.parquet");
        File.Copy(Support.SharedTestData.Parquet("repeated_no_annotation.parquet"), first);
        File.Copy(first, second);

        var schema = await ReadAsync([first, second], []);

        Assert.Equal(["id", "phoneNumbers"], schema.Columns.Select(c => c.Name));
        Assert.Equal(new ObservedColumn("id", "INT", false), schema.Columns[0]);
        Assert.True(schema.Columns[1].Nullable);
        Assert.StartsWith("STRUCT(", schema.Columns[1].Type, StringComparison.Ordinal);
        Assert.Equal(
            SchemaFingerprint.Compute(schema.Columns.Select(c => new FingerprintColumn(c.Name, c.Type, c.Nullable))),
            schema.Fingerprint);
    }

    [Fact]
    public async Task ReadAsync_RequiredInOnlySomeFiles_IsNullable()
    {
        using var temp = new TempFolder();
        var required = temp.Combine("a.parquet");
        var optional = temp.Combine("b.parquet");
        File.Copy(Support.SharedTestData.Parquet("repeated_no_annotation.parquet"), required);
        Support.LakeFiles.WriteParquet(optional, 2);

        var schema = await ReadAsync([required, optional], []);

        Assert.True(schema.Columns.Single(c => c.Name == "id").Nullable);
    }

    [Fact]
    public async Task ReadAsync_PartitionColumns_ReplaceSameNamedFileColumnsWithTheProfilersTypes()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("a.parquet");
        Support.LakeFiles.Rows($"COPY (SELECT 1::BIGINT AS id, DATE '2026-01-01' AS dt) TO '{Quoted(file)}' (FORMAT parquet)");

        var schema = await ReadAsync([file], [new PartitionColumnSpec("dt", "VARCHAR", true)]);

        Assert.Equal([new ObservedColumn("id", "LONG", true), new ObservedColumn("dt", "STRING", true)], schema.Columns);
    }

    [Fact]
    public async Task ReadAsync_ColumnNamedLikeSql_IsReadAsAName()
    {
        using var temp = new TempFolder();
        var file = temp.Combine("a.parquet");
        Support.LakeFiles.Rows($"COPY (SELECT 1 AS \"x\"\"; DROP TABLE t; --\") TO '{Quoted(file)}' (FORMAT parquet)");

        var schema = await ReadAsync([file], []);

        Assert.Equal("x\"; DROP TABLE t; --", Assert.Single(schema.Columns).Name);
    }

    [Theory]
    [InlineData("long", "BIGINT")]
    [InlineData("integer", "INTEGER")]
    [InlineData("string", "VARCHAR")]
    [InlineData("date", "DATE")]
    [InlineData("timestamp", "TIMESTAMP WITH TIME ZONE")]
    [InlineData("timestamp_ntz", "TIMESTAMP")]
    [InlineData("decimal(12,2)", "DECIMAL(12,2)")]
    [InlineData("decimal(12, 2)", "DECIMAL(12,2)")]
    [InlineData("binary", "VARCHAR")]
    public void DuckDbTypeOf_DeltaPartitionType_GivesTheProfilersType(string deltaType, string duckDbType) =>
        Assert.Equal(duckDbType, SignalFactory.Storage.Delta.DeltaTypes.ToDuckDbType(deltaType));

    private static async Task<CurrentSchema> ReadAsync(string[] files, IReadOnlyList<PartitionColumnSpec> partitions)
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        var source = new SchemaSource(files, partitions, new Dictionary<string, string>(), new Dictionary<string, bool>());
        return await CurrentSchemaReader.ReadAsync(connection, source, CancellationToken.None);
    }

    private static string Quoted(string path) => path.Replace("'", "''", StringComparison.Ordinal);
}
