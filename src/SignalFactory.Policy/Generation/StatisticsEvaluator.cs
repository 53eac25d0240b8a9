using System.Globalization;
using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Policy.Generation;

/// <summary>What the statistics say about a predicate on the profiled data.</summary>
internal enum Judgement
{
    /// <summary>Every profiled row satisfies it.</summary>
    Holds,

    /// <summary>At least one profiled row breaks it.</summary>
    Violated,

    /// <summary>The statistics cannot tell (string values are never kept; PII columns have no min/max).</summary>
    Unknown,
}

/// <summary>A judgement with a value-free explanation (counts, and min/max of non-PII numeric or temporal columns only).</summary>
internal sealed record Evaluation(Judgement Judgement, string Reason)
{
    public static Evaluation Holds(string reason) => new(Judgement.Holds, reason);

    public static Evaluation Violated(string reason) => new(Judgement.Violated, reason);

    public static Evaluation Unknown(string reason) => new(Judgement.Unknown, reason);
}

/// <summary>
/// Judges predicates against the baseline's statistics. Row semantics are those of a SQL CHECK constraint: a row
/// violates an invariant when the expression is FALSE; NULL (a null column value) does not violate it, which is why
/// <c>IS NOT NULL</c> is a separate rule. Min and max are real values of the column, so <c>x &gt; 0</c> holds exactly
/// when min &gt; 0, and <c>x IN (…)</c> is violated when min or max is outside the set.
/// </summary>
internal sealed class StatisticsEvaluator(BaselineFacts facts)
{
    /// <summary>Judges the predicate; a column missing from the schema makes it <see cref="Judgement.Unknown"/>.</summary>
    public Evaluation Evaluate(Predicate predicate)
    {
        if (predicate is AndPredicate and)
        {
            return EvaluateAll(and);
        }

        var name = predicate.Columns.First().Resolve(facts.ByName);
        if (name is null)
        {
            return Evaluation.Unknown("the column is not in the profiled schema");
        }

        return predicate is NotNullPredicate ? NotNull(facts.ByName[name]) : Value(predicate, facts.ByName[name]);
    }

    private Evaluation EvaluateAll(AndPredicate and)
    {
        var reasons = new List<string>();
        var unknown = false;
        foreach (var part in and.Parts)
        {
            var result = Evaluate(part);
            if (result.Judgement == Judgement.Violated)
            {
                return result;
            }

            unknown |= result.Judgement == Judgement.Unknown;
            reasons.Add(result.Reason);
        }

        return unknown
            ? Evaluation.Unknown(string.Join("; ", reasons))
            : Evaluation.Holds(string.Join("; ", reasons));
    }

    private Evaluation NotNull(ColumnFacts column)
    {
        if (column.NullCount is { } nulls)
        {
            return nulls == 0
                ? Evaluation.Holds($"no nulls in {Rows()} profiled rows")
                : Evaluation.Violated($"{nulls} of {Rows()} profiled rows are null");
        }

        if (column.NullRate is { } rate)
        {
            return rate == 0
                ? Evaluation.Holds("null rate 0 in the profiled rows")
                : Evaluation.Violated($"null rate {Format(rate)} in the profiled rows");
        }

        return Evaluation.Unknown("the baseline has no null count for the column");
    }

    private Evaluation Value(Predicate predicate, ColumnFacts column)
    {
        if (column.NullCount is { } nulls && nulls >= facts.RowsProfiled && facts.RowsProfiled > 0)
        {
            return Evaluation.Holds("every profiled value is null (nulls do not violate a check)");
        }

        if (column.Min is null || column.Max is null)
        {
            return Evaluation.Unknown(column.IsPii
                ? "the column is flagged as PII, so the baseline keeps no min/max"
                : column.IsString
                    ? "the baseline keeps no string values (PII rule), so only counts are known"
                    : "the baseline has no min/max for the column");
        }

        var min = column.Min;
        var max = column.Max;
        var range = $"profiled min {min.Text}, max {max.Text}";
        switch (predicate)
        {
            case ComparePredicate compare:
                {
                    var lo = Compare(min, compare.Value);
                    var hi = Compare(max, compare.Value);
                    if (lo is null || hi is null)
                    {
                        return Incomparable(compare.Value);
                    }

                    bool? holds = compare.Operator switch
                    {
                        ">" => lo > 0,
                        ">=" => lo >= 0,
                        "<" => hi < 0,
                        "<=" => hi <= 0,
                        "=" => lo == 0 && hi == 0,
                        _ => lo > 0 || hi < 0 ? true : lo == 0 && hi == 0 ? false : null,
                    };
                    return holds switch
                    {
                        true => Evaluation.Holds(range),
                        false => Evaluation.Violated($"{range}: not every value is {compare.Operator} {compare.Value.Text}"),
                        null => Evaluation.Unknown($"{range}: values between them are not known"),
                    };
                }

            case BetweenPredicate between:
                {
                    var lo = Compare(min, between.Low);
                    var hi = Compare(max, between.High);
                    if (lo is null || hi is null)
                    {
                        return Incomparable(between.Low);
                    }

                    return lo >= 0 && hi <= 0
                        ? Evaluation.Holds($"{range} lie in [{between.Low.Text}, {between.High.Text}]")
                        : Evaluation.Violated($"{range} do not lie in [{between.Low.Text}, {between.High.Text}]");
                }

            case InPredicate set:
                {
                    bool? MinIn() => Member(min, set.Values);
                    bool? MaxIn() => Member(max, set.Values);
                    var minIn = MinIn();
                    var maxIn = MaxIn();
                    if (minIn is null || maxIn is null)
                    {
                        return Incomparable(set.Values[0]);
                    }

                    if (set.Negated)
                    {
                        return minIn.Value || maxIn.Value
                            ? Evaluation.Violated($"{range}: a listed value occurs")
                            : Evaluation.Unknown($"{range}: values between them are not known");
                    }

                    if (!minIn.Value || !maxIn.Value)
                    {
                        return Evaluation.Violated($"{range}: a profiled value is outside the list");
                    }

                    return Compare(min, max) == 0
                        ? Evaluation.Holds($"every profiled value equals {min.Text}, which is listed")
                        : Evaluation.Unknown($"{range} are listed; values between them are not known");
                }

            default:
                return Evaluation.Unknown("the expression cannot be judged from statistics");
        }
    }

    private static Evaluation Incomparable(SqlLiteral literal) => Evaluation.Unknown(literal.Kind == LiteralKind.String
        ? "the baseline keeps no string values (PII rule), so a comparison with text cannot be judged"
        : "the literal's type does not match the column's statistics");

    private static bool? Member(ColumnBound bound, IReadOnlyList<SqlLiteral> values)
    {
        var any = false;
        foreach (var value in values)
        {
            if (Compare(bound, value) is { } c)
            {
                any = true;
                if (c == 0)
                {
                    return true;
                }
            }
        }

        return any ? false : null;
    }

    /// <summary>Sign of bound − literal, or null when they cannot be compared.</summary>
    private static int? Compare(ColumnBound bound, SqlLiteral literal)
    {
        if (bound.IsNumber && literal.Kind == LiteralKind.Number)
        {
            if (decimal.TryParse(bound.Text, NumberStyles.Number, CultureInfo.InvariantCulture, out var b) && literal.AsDecimal() is { } l)
            {
                return b.CompareTo(l);
            }

            return double.TryParse(bound.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var bd)
                && double.TryParse(literal.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ld)
                ? bd.CompareTo(ld) : null;
        }

        if (!bound.IsNumber && literal.Kind is LiteralKind.Date or LiteralKind.Timestamp or LiteralKind.Time)
        {
            var b = TemporalValue.Parse(bound.Text);
            var l = TemporalValue.Parse(literal.Text);
            return b is not null && l is not null && b.Value.IsTime == l.Value.IsTime ? b.Value.Ticks.CompareTo(l.Value.Ticks) : null;
        }

        return null;
    }

    private static int? Compare(ColumnBound a, ColumnBound b) =>
        a.IsNumber ? Compare(a, new SqlLiteral(LiteralKind.Number, b.Text)) : Compare(a, new SqlLiteral(LiteralKind.Timestamp, b.Text));

    private string Rows() => facts.RowsProfiled.ToString(CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}

/// <summary>A date, timestamp (ticks, UTC when a zone is given) or time of day (ticks since midnight).</summary>
internal readonly record struct TemporalValue(long Ticks, bool IsTime)
{
    public static TemporalValue? Parse(string text)
    {
        const DateTimeStyles styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        if (TimeOnly.TryParseExact(text, ["HH:mm:ss.FFFFFFF", "HH:mm:ss", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return new TemporalValue(time.Ticks, true);
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out var date))
        {
            return new TemporalValue(date.Ticks, false);
        }

        return DateTime.TryParse(text.Replace(' ', 'T'), CultureInfo.InvariantCulture, styles, out var stamp)
            ? new TemporalValue(stamp.Ticks, false)
            : null;
    }
}
