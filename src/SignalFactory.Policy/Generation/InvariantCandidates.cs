using System.Globalization;
using System.Text;
using SignalFactory.Policy.Bundles;
using SignalFactory.Profiling.Pii;

namespace SignalFactory.Policy.Generation;

/// <summary>Kinds of invariant the generator handles differently.</summary>
internal enum InvariantKind
{
    NotNull,
    Range,
    AcceptedValues,
    Template,
}

/// <summary>An invariant before the backtest decides whether it goes into the bundle.</summary>
internal sealed record InvariantCandidate(
    string Id,
    InvariantKind Kind,
    string? Column,
    string Description,
    Predicate? Predicate,
    string Expression,
    string Severity,
    string Origin)
{
    public NumericRange? Range { get; init; }

    /// <summary>For accepted values: why the set is complete (read from the profiled files).</summary>
    public string? Evidence { get; init; }
}

/// <summary>Builds the generated invariants of a full contract: NOT NULL, numeric ranges, accepted values.</summary>
internal sealed class InvariantCandidates(BaselineFacts facts, GenerationSettings settings, IReadOnlyDictionary<string, ColumnValueCounts> acceptedValues, TimeProvider clock)
{
    /// <summary>Each accepted value must occur in at least this many rows: values that repeat are categories, not identifiers.</summary>
    public const int MinRowsPerValue = 3;

    /// <summary>Non-null rows per distinct value a column needs before its values count as categories.</summary>
    public const int MinRowsPerDistinct = 10;

    /// <summary>Longest accepted value, in characters.</summary>
    public const int MaxValueLength = 100;

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public List<string> Notes { get; } = [];

    /// <summary>
    /// String columns whose distinct values may be read for an accepted-values rule: full contract only; the PII scan
    /// examined the column and found nothing; not the partition key (its values grow with every load); an
    /// approximate distinct count of 1..limit with at least <see cref="MinRowsPerDistinct"/> non-null rows per value.
    /// </summary>
    public static List<string> Eligible(BaselineFacts facts, GenerationSettings settings, string? partitionKey)
    {
        var result = new List<string>();
        if (!settings.HasContract || settings.AcceptedValuesMaxDistinct <= 0)
        {
            return result;
        }

        foreach (var column in facts.Columns)
        {
            var nonNull = facts.RowsProfiled - (column.NullCount ?? 0);
            if (column.IsString && !column.IsPii && column.PiiScanned
                && !string.Equals(column.Name, partitionKey, StringComparison.Ordinal)
                && column.ApproxDistinct is { } distinct && distinct >= 1 && distinct <= settings.AcceptedValuesMaxDistinct
                && nonNull >= MinRowsPerDistinct * distinct)
            {
                result.Add(column.Name);
            }
        }

        return result;
    }

    /// <summary>Template invariants first reserve their ids; generated ids then avoid them.</summary>
    public IReadOnlyList<InvariantCandidate> Build(IReadOnlyList<string> acceptedValueColumns)
    {
        foreach (var template in settings.Invariants)
        {
            _ids.Add(template.Id);
        }

        var result = new List<InvariantCandidate>();
        if (settings.HasContract)
        {
            foreach (var column in facts.Columns)
            {
                if (!column.Nullable)
                {
                    var notNull = new NotNullPredicate(ColumnRef.Exact(column.Name));
                    result.Add(new InvariantCandidate(Id(column.Name, "not_null"), InvariantKind.NotNull, column.Name,
                        $"{column.Name} is never null (declared NOT NULL in the table schema)", notNull, notNull.ToSql(),
                        InvariantSeverities.Error, RuleOrigins.Generated));
                }

                if (RangeFor(column) is { } range)
                {
                    result.Add(range);
                }

                if (acceptedValueColumns.Contains(column.Name, StringComparer.Ordinal) && AcceptedValuesFor(column) is { } set)
                {
                    result.Add(set);
                }
            }
        }

        foreach (var template in settings.Invariants)
        {
            InvariantExpressionParser.TryParse(template.Expression, out var predicate);
            result.Add(new InvariantCandidate(template.Id, InvariantKind.Template, null, template.Description, predicate,
                template.Expression.Trim(), template.Severity, RuleOrigins.Template));
        }

        return result;
    }

    /// <summary>A range candidate, rebuilt with <paramref name="widenPct"/> for feedback.</summary>
    public InvariantCandidate WithRange(InvariantCandidate candidate, double widenPct)
    {
        var range = candidate.Range!;
        var predicate = range.ToPredicate(settings.RangeMarginPct, widenPct);
        return candidate with { Predicate = predicate, Expression = predicate.ToSql(), Description = RangeDescription(range, widenPct) };
    }

    private InvariantCandidate? RangeFor(ColumnFacts column)
    {
        var range = NumericRange.From(column, facts.RowsProfiled);
        if (range is null)
        {
            return null;
        }

        try
        {
            var predicate = range.ToPredicate(settings.RangeMarginPct, 0);
            return new InvariantCandidate(Id(column.Name, "range"), InvariantKind.Range, column.Name, RangeDescription(range, 0),
                predicate, predicate.ToSql(), InvariantSeverities.Warning, RuleOrigins.Generated) { Range = range };
        }
        catch (OverflowException)
        {
            Notes.Add($"no range rule for {column.Name}: its profiled bounds are beyond the precision the generator handles");
            return null;
        }
    }

    private string RangeDescription(NumericRange range, double widenPct)
    {
        var margin = Num(settings.RangeMarginPct);
        var widened = widenPct > 0 ? $", widened by {Num(widenPct)}% on reviewer feedback" : "";
        return range.LowerOnly
            ? $"{range.Column} at least the profiled minimum less a {margin}% margin{widened}; no upper bound because the column looks like an identifier or sequence"
            : $"{range.Column} within the profiled range plus a {margin}% margin on each side{widened}";
    }

    private InvariantCandidate? AcceptedValuesFor(ColumnFacts column)
    {
        if (!acceptedValues.TryGetValue(column.Name, out var read))
        {
            return null;
        }

        var count = read.Values.Count;
        string? skip = null;
        if (count == 0 || count > settings.AcceptedValuesMaxDistinct)
        {
            skip = $"{count} distinct values read (limit {settings.AcceptedValuesMaxDistinct})";
        }
        else if (read.Values.Any(v => v.Value < MinRowsPerValue) || read.Rows < (long)MinRowsPerDistinct * count)
        {
            skip = $"values do not repeat enough to be categories (each needs {MinRowsPerValue} rows, the column {MinRowsPerDistinct} rows per value)";
        }
        else if (read.Values.Any(v => v.Key.Length == 0 || v.Key.Length > MaxValueLength || v.Key.Any(c => char.IsControl(c) || c == '\\')))
        {
            skip = $"a value is empty, longer than {MaxValueLength} characters or holds a control character or backslash";
        }
        else if (new PiiDetector(timeProvider: clock).Scan([.. read.Values.Select(v => v.Key)]).MatchCounts.Values.Any(n => n > 0))
        {
            skip = "a value looks like PII";
        }

        if (skip is not null)
        {
            Notes.Add($"no accepted-values rule for {column.Name}: {skip}");
            return null;
        }

        var ordered = read.Values.Select(v => v.Key).Order(StringComparer.Ordinal).ToList();
        var predicate = new InPredicate(ColumnRef.Exact(column.Name), [.. ordered.Select(v => new SqlLiteral(LiteralKind.String, v))], Negated: false);
        return new InvariantCandidate(Id(column.Name, "accepted_values"), InvariantKind.AcceptedValues, column.Name,
            $"{column.Name} is one of the {count} values seen in the profiled data", predicate, predicate.ToSql(),
            InvariantSeverities.Warning, RuleOrigins.Generated)
        {
            Evidence = $"all {count} distinct values of {Num(read.Rows)} non-null profiled rows are listed",
        };
    }

    /// <summary>A stable id from the column name: lower-case, non-word characters as '_', unique in the bundle.</summary>
    private string Id(string column, string suffix)
    {
        var slug = new StringBuilder();
        foreach (var c in column.ToLowerInvariant())
        {
            var keep = char.IsAsciiLetterOrDigit(c) ? c : '_';
            if (keep != '_' || (slug.Length > 0 && slug[^1] != '_'))
            {
                slug.Append(keep);
            }
        }

        var stem = slug.ToString().Trim('_');
        var id = (stem.Length == 0 ? "column" : stem) + "_" + suffix;
        var unique = id;
        for (var n = 2; !_ids.Add(unique); n++)
        {
            unique = id + "_" + n.ToString(CultureInfo.InvariantCulture);
        }

        return unique;
    }

    private static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
