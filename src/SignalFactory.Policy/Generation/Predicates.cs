using System.Globalization;

namespace SignalFactory.Policy.Generation;

/// <summary>
/// The structured form of the invariants the backtest can judge from statistics: what the generator builds and
/// what <see cref="InvariantExpressionParser"/> recognises in template rules. <see cref="ToSql"/> renders ANSI SQL
/// through <see cref="SqlText"/>.
/// </summary>
internal abstract record Predicate
{
    public abstract string ToSql();

    /// <summary>Column names the predicate reads, as written (see <see cref="ColumnRef"/>).</summary>
    public abstract IEnumerable<ColumnRef> Columns { get; }
}

/// <summary>A column reference; an unquoted name matches a column case-insensitively, as in SQL.</summary>
internal sealed record ColumnRef(string Name, bool Quoted)
{
    public static ColumnRef Exact(string name) => new(name, Quoted: true);

    public string ToSql() => Quoted ? SqlText.Identifier(Name) : Name;

    /// <summary>The schema column this reference names, or null.</summary>
    public string? Resolve(IReadOnlyDictionary<string, ColumnFacts> columns)
    {
        if (columns.ContainsKey(Name))
        {
            return Name;
        }

        return Quoted ? null : columns.Keys.FirstOrDefault(c => string.Equals(c, Name, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>Kinds of literal in an invariant.</summary>
internal enum LiteralKind
{
    Number,
    String,
    Date,
    Timestamp,
    Time,
}

/// <summary>A literal: <see cref="Text"/> is the value (a plain decimal number, the string, or ISO date/time text).</summary>
internal sealed record SqlLiteral(LiteralKind Kind, string Text)
{
    public static SqlLiteral Number(decimal value) => new(LiteralKind.Number, SqlText.NumberLiteral(value));

    public string ToSql() => Kind switch
    {
        LiteralKind.Number => Text,
        LiteralKind.String => SqlText.StringLiteral(Text),
        LiteralKind.Date => "DATE " + SqlText.StringLiteral(Text),
        LiteralKind.Timestamp => "TIMESTAMP " + SqlText.StringLiteral(Text),
        _ => "TIME " + SqlText.StringLiteral(Text),
    };

    public decimal? AsDecimal() =>
        Kind == LiteralKind.Number && decimal.TryParse(Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary><c>column IS NOT NULL</c>.</summary>
internal sealed record NotNullPredicate(ColumnRef Column) : Predicate
{
    public override string ToSql() => Column.ToSql() + " IS NOT NULL";

    public override IEnumerable<ColumnRef> Columns => [Column];
}

/// <summary><c>column op literal</c> with op one of <c>= &lt;&gt; &lt; &lt;= &gt; &gt;=</c>.</summary>
internal sealed record ComparePredicate(ColumnRef Column, string Operator, SqlLiteral Value) : Predicate
{
    public override string ToSql() => $"{Column.ToSql()} {Operator} {Value.ToSql()}";

    public override IEnumerable<ColumnRef> Columns => [Column];
}

/// <summary><c>column BETWEEN low AND high</c>.</summary>
internal sealed record BetweenPredicate(ColumnRef Column, SqlLiteral Low, SqlLiteral High) : Predicate
{
    public override string ToSql() => $"{Column.ToSql()} BETWEEN {Low.ToSql()} AND {High.ToSql()}";

    public override IEnumerable<ColumnRef> Columns => [Column];
}

/// <summary><c>column [NOT] IN (literal, …)</c>.</summary>
internal sealed record InPredicate(ColumnRef Column, IReadOnlyList<SqlLiteral> Values, bool Negated) : Predicate
{
    public override string ToSql() =>
        $"{Column.ToSql()} {(Negated ? "NOT IN" : "IN")} ({string.Join(", ", Values.Select(v => v.ToSql()))})";

    public override IEnumerable<ColumnRef> Columns => [Column];
}

/// <summary><c>a AND b AND …</c>.</summary>
internal sealed record AndPredicate(IReadOnlyList<Predicate> Parts) : Predicate
{
    public override string ToSql() => string.Join(" AND ", Parts.Select(p => p is AndPredicate ? "(" + p.ToSql() + ")" : p.ToSql()));

    public override IEnumerable<ColumnRef> Columns => Parts.SelectMany(p => p.Columns);
}
