using System.Text;
using SignalFactory.Policy.Generation;

namespace SignalFactory.Policy.Tests.Generation;

public sealed class ExpressionTests
{
    [Theory]
    [InlineData("order_total", "order_total")]
    [InlineData("_x1", "_x1")]
    [InlineData("Order_Total", "\"Order_Total\"")]
    [InlineData("order total", "\"order total\"")]
    [InlineData("select", "\"select\"")]
    [InlineData("1st", "\"1st\"")]
    [InlineData("x\"; DROP TABLE t; --", "\"x\"\"; DROP TABLE t; --\"")]
    [InlineData("é", "\"é\"")]
    public void Identifier_Name_QuotedOnlyWhenNotPlain(string name, string expected) =>
        Assert.Equal(expected, SqlText.Identifier(name));

    [Theory]
    [InlineData("NEW", "'NEW'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("", "''")]
    public void StringLiteral_Value_SingleQuotesDoubled(string value, string expected) =>
        Assert.Equal(expected, SqlText.StringLiteral(value));

    [Fact]
    public void Identifier_Nul_Refused() => Assert.Throws<ArgumentException>(() => SqlText.Identifier("a\0b"));

    [Theory]
    [InlineData("order_total > 0", "order_total > 0")]
    [InlineData("0 < order_total", "order_total > 0")]
    [InlineData("\"order total\" >= -5.5", "\"order total\" >= -5.5")]
    [InlineData("x BETWEEN -1 AND 2 AND y IS NOT NULL", "x BETWEEN -1 AND 2 AND y IS NOT NULL")]
    [InlineData("(a <> 3) and (b != 4)", "a <> 3 AND b <> 4")]
    [InlineData("status in ('A', 'it''s')", "status IN ('A', 'it''s')")]
    [InlineData("status NOT IN ('X')", "status NOT IN ('X')")]
    [InlineData("d >= DATE '2026-01-01'", "d >= DATE '2026-01-01'")]
    public void TryParse_SupportedForm_Recognised(string expression, string rendered)
    {
        Assert.True(InvariantExpressionParser.TryParse(expression, out var predicate));
        Assert.Equal(rendered, predicate!.ToSql());
    }

    [Theory]
    [InlineData("a > 0 OR b > 0")]
    [InlineData("length(notes) < 500")]
    [InlineData("a + 1 > 0")]
    [InlineData("a > b")]
    [InlineData("a >")]
    [InlineData("'unterminated")]
    [InlineData("")]
    [InlineData("a NOT BETWEEN 1 AND 2")]
    public void TryParse_OtherSql_NotRecognised(string expression) =>
        Assert.False(InvariantExpressionParser.TryParse(expression, out _));

    [Fact]
    public void FeedbackYaml_AllKeys_Read()
    {
        var feedback = PolicyFeedbackYaml.Parse(Encoding.UTF8.GetBytes("""
            reason: "ranges too tight"
            drop_rules: [status_accepted_values]
            optional_columns:
              - discount_pct
            widen_ranges:
              order_total: 50
            free_text: "coupon codes are changing"
            """), "feedback.yaml");

        Assert.Equal("ranges too tight", feedback.Reason);
        Assert.Equal(["status_accepted_values"], feedback.DropRules);
        Assert.Equal(["discount_pct"], feedback.OptionalColumns);
        Assert.Equal(50, feedback.WidenRanges["order_total"]);
        Assert.Equal("coupon codes are changing", feedback.FreeText);
    }

    [Fact]
    public void FeedbackYaml_Json_Read()
    {
        var feedback = PolicyFeedbackYaml.Parse(Encoding.UTF8.GetBytes("""{"drop_rules": ["a"], "widen_ranges": {"x": 12.5}}"""), "feedback.json");

        Assert.Equal(["a"], feedback.DropRules);
        Assert.Equal(12.5, feedback.WidenRanges["x"]);
    }

    [Theory]
    [InlineData("drop_rule: [a]", "drop_rule (line 1): unknown key; did you mean 'drop_rules'?")]
    [InlineData("widen_ranges: { x: -5 }", "widen_ranges.x (line 1): must be a percentage greater than 0 (at most 10000)")]
    [InlineData("widen_ranges: { x: lots }", "widen_ranges.x (line 1): expected a number")]
    [InlineData("drop_rules: a", "drop_rules (line 1): expected a list")]
    [InlineData("", "the feedback file is empty; expected some of reason, drop_rules, optional_columns, widen_ranges, free_text")]
    public void FeedbackYaml_Bad_RefusedNamingFieldAndLine(string yaml, string problem)
    {
        var ex = Assert.Throws<PolicyInputException>(() => PolicyFeedbackYaml.Parse(Encoding.UTF8.GetBytes(yaml), "feedback.yaml"));
        Assert.Contains(problem, ex.Problems);
    }
}
