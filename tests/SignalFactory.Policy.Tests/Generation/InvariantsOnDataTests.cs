using SignalFactory.DuckDb;
using SignalFactory.Policy.Generation;
using SignalFactory.Policy.Tests.TestSupport;
using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Policy.Tests.Generation;

/// <summary>
/// Every generated invariant is run for real in DuckDB over a Parquet table the test writes, whose statistics the
/// test states by hand from the formulas that produced the rows.
/// </summary>
public sealed class InvariantsOnDataTests : IDisposable
{
    private const string Urn = "ds://curated/known_orders";
    private static readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly TempFolder _folder = new();
    private readonly string _file;
    private readonly DuckDbDatabase _db = DuckDbDatabase.Open();
    private readonly DuckDbConnection _connection;

    public InvariantsOnDataTests()
    {
        _connection = _db.Connect();
        _file = _folder.Combine("part-0.parquet");
        // 40 rows, i = 0..39. Column statistics (worked out from the formulas):
        //   id              = i + 1                         → 1..40, no nulls
        //   "order total"   = (i % 8) * 12.5 + 5            → 5.00..92.50
        //   "x""y"          = NULL when i % 10 = 0 else i-20 → 4 nulls, -19..19
        //   ratio           = (i % 5) * 0.25                → 0..1
        //   status          = NEW / SHIPPED / it's by i % 3 → 14 / 13 / 13 rows
        //   "select"        = 100                           → 100..100
        _connection.Execute($"""
            COPY (SELECT CAST(i + 1 AS BIGINT) AS id,
                         CAST((i % 8) * 12.5 + 5 AS DECIMAL(12,2)) AS "order total",
                         CAST(CASE WHEN i % 10 = 0 THEN NULL ELSE i - 20 END AS INTEGER) AS "x""y",
                         CAST((i % 5) * 0.25 AS DOUBLE) AS ratio,
                         CASE i % 3 WHEN 0 THEN 'NEW' WHEN 1 THEN 'SHIPPED' ELSE 'it''s' END AS status,
                         CAST(100 AS BIGINT) AS "select"
                  FROM range(40) t(i))
            TO '{_file.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)
            """);
    }

    public void Dispose()
    {
        _connection.Dispose();
        _db.Dispose();
        _folder.Dispose();
    }

    private static Baseline KnownBaseline(bool xyDeclaredNotNull = false) => TestBaselines.Build(Urn, 40,
    [
        new("id", "LONG", Nullable: false, Min: ColumnBound.Number(1L), Max: ColumnBound.Number(40L), Distinct: 40),
        new("order total", "DECIMAL(12,2)", Min: ColumnBound.Number(5.00m), Max: ColumnBound.Number(92.50m), Distinct: 8),
        new("x\"y", "INT", Nullable: !xyDeclaredNotNull, Nulls: 4, Min: ColumnBound.Number(-19L), Max: ColumnBound.Number(19L), Distinct: 36),
        new("ratio", "DOUBLE", Min: ColumnBound.Number(0.0), Max: ColumnBound.Number(1.0), Distinct: 5),
        new("status", "STRING", Distinct: 3),
        new("select", "LONG", Min: ColumnBound.Number(100L), Max: ColumnBound.Number(100L), Distinct: 1),
    ], [40]);

    private async Task<PolicyGenerationResult> GenerateAsync(Baseline baseline, PolicyTemplate? template = null)
    {
        using var source = new ParquetAcceptedValuesSource([_file]);
        return await PolicyGenerator.GenerateAsync(new PolicyGenerationRequest
        {
            Baseline = baseline,
            Manifest = TestBaselines.Manifest(Urn, "TIER_1"),
            Template = template,
            TemplateSource = "test template",
        }, source, _clock, CancellationToken.None);
    }

    private bool? AllRowsPass(string expression) =>
        _connection.ExecuteScalar<bool?>($"SELECT bool_and({expression}) FROM read_parquet($1)", _file);

    private long Violations(string expression) =>
        _connection.ExecuteScalar<long>($"SELECT count(*) FROM read_parquet($1) WHERE NOT ({expression})", _file);

    [Fact]
    public async Task GenerateAsync_KnownTable_BuildsTheExpectedExpressions()
    {
        var result = await GenerateAsync(KnownBaseline());

        Assert.Equal(
        [
            ("id_not_null", "id IS NOT NULL"),
            ("id_range", "id >= 0"),
            ("order_total_range", "\"order total\" BETWEEN 0.00 AND 101.25"),
            ("x_y_range", "\"x\"\"y\" BETWEEN -23 AND 23"),
            ("ratio_range", "ratio BETWEEN 0 AND 2"),
            ("status_accepted_values", "status IN ('NEW', 'SHIPPED', 'it''s')"),
            ("select_range", "\"select\" BETWEEN 90 AND 110"),
        ], result.Bundle.Contract!.Invariants.Select(i => (i.Id, i.Expression)));
    }

    [Fact]
    public async Task GenerateAsync_KnownTable_EveryInvariantHoldsOnEveryRowInDuckDb()
    {
        var result = await GenerateAsync(KnownBaseline());

        Assert.NotEmpty(result.Bundle.Contract!.Invariants);
        foreach (var invariant in result.Bundle.Contract.Invariants)
        {
            Assert.True(AllRowsPass(invariant.Expression), invariant.Expression);
            Assert.Equal(0, Violations(invariant.Expression));
        }

        Assert.All(result.Backtest.Rules.Where(r => r.Section == "contract"), r => Assert.Equal("passed", r.Verdict));
    }

    [Fact]
    public async Task GenerateAsync_DeclaredNotNullColumnWithNulls_NotNullDroppedAndReported()
    {
        var result = await GenerateAsync(KnownBaseline(xyDeclaredNotNull: true));

        Assert.DoesNotContain(result.Bundle.Contract!.Invariants, i => i.Id == "x_y_not_null");
        var verdict = Assert.Single(result.Backtest.Rules, r => r.Rule == "x_y_not_null");
        Assert.Equal("dropped", verdict.Verdict);
        Assert.Equal("\"x\"\"y\" IS NOT NULL", verdict.Original);
        Assert.Contains("4 of 40 profiled rows are null", verdict.Reason, StringComparison.Ordinal);
        Assert.Equal(4, Violations(verdict.Original!)); // DuckDB finds the same 4 rows
        Assert.Equal(new SignalFactory.Policy.Bundles.FieldConstraint("x\"y", "INT", true), result.Bundle.Schema!.Constraints[2]);
        Assert.Equal("loosened", Assert.Single(result.Backtest.Rules, r => r.Rule == "nullable:x\"y").Verdict);
    }

    [Fact]
    public async Task GenerateAsync_TemplateRuleTheDataBreaks_DroppedWhileTheOneThatHoldsIsKept()
    {
        var template = new PolicyTemplate
        {
            Invariants =
            [
                new TemplateInvariant("order_total_above_ten", "Orders above ten", "\"order total\" > 10", "error"),
                new TemplateInvariant("ratio_at_most_one", "Ratios are fractions", "ratio <= 1 AND ratio >= 0", "error"),
            ],
        };

        var result = await GenerateAsync(KnownBaseline(), template);

        var dropped = Assert.Single(result.Backtest.Rules, r => r.Rule == "order_total_above_ten");
        Assert.Equal("dropped", dropped.Verdict);
        Assert.Equal("template", dropped.Origin);
        Assert.Contains("profiled min 5.00", dropped.Reason, StringComparison.Ordinal);
        Assert.True(Violations("\"order total\" > 10") > 0); // DuckDB agrees the data breaks it
        var kept = Assert.Single(result.Bundle.Contract!.Invariants, i => i.Id == "ratio_at_most_one");
        Assert.Equal("error", kept.Severity);
        Assert.True(AllRowsPass(kept.Expression));
        Assert.DoesNotContain(result.Bundle.Contract.Invariants, i => i.Id == "order_total_above_ten");
    }

    [Fact]
    public async Task GenerateAsync_PiiFlaggedStringColumn_NeverGetsAcceptedValues()
    {
        var baseline = KnownBaseline();
        baseline = baseline with
        {
            PiiScan = baseline.PiiScan with
            {
                ColumnsWithPii = ["status"],
                PiiPatternsDetected = new Dictionary<string, PiiFinding>
                {
                    ["status"] = new() { Pattern = "EMAIL", Confidence = 1, Validator = "test", Matched = 3, Sampled = 3 },
                },
            },
        };

        var result = await GenerateAsync(baseline);

        Assert.DoesNotContain(result.Bundle.Contract!.Invariants, i => i.Id.StartsWith("status", StringComparison.Ordinal));
        Assert.Empty(PolicyGenerator.AcceptedValueCandidates(new PolicyGenerationRequest { Baseline = baseline, Manifest = TestBaselines.Manifest(Urn, "TIER_1") }));
    }

    [Fact]
    public async Task ParquetSource_ReadAsync_CountsPerValueNullBeyondTheLimitNullForAMissingColumn()
    {
        using var source = new ParquetAcceptedValuesSource([_file]);

        var status = await source.ReadAsync("status", 20, CancellationToken.None);

        Assert.Equal([KeyValuePair.Create("NEW", 14L), KeyValuePair.Create("SHIPPED", 13L), KeyValuePair.Create("it's", 13L)], status!.Values);
        Assert.Null(await source.ReadAsync("id", 20, CancellationToken.None)); // 40 distinct values
        Assert.NotNull(await source.ReadAsync("id", 40, CancellationToken.None));
        Assert.Null(await source.ReadAsync("no_such_column", 20, CancellationToken.None));
    }
}
