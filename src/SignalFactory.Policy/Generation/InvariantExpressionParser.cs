using System.Globalization;
using System.Text;

namespace SignalFactory.Policy.Generation;

/// <summary>
/// Recognises the part of SQL the backtest can judge from column statistics, so template rules such as
/// <c>order_total &gt; 0</c> can be checked against the baseline:
/// <code>
/// expr       := term (AND term)*
/// term       := '(' expr ')' | column IS NOT NULL | column op literal | literal op column
///             | column BETWEEN literal AND literal | column [NOT] IN '(' literal (',' literal)* ')'
/// op         := = | &lt;&gt; | != | &lt; | &lt;= | &gt; | &gt;=
/// literal    := [-]number | 'text' | DATE 'yyyy-mm-dd' | TIMESTAMP '…' | TIME '…'
/// column     := word | "quoted ""name"""
/// </code>
/// Anything else (OR, functions, arithmetic) is valid SQL the engine will run, but the backtest cannot judge it.
/// </summary>
internal static class InvariantExpressionParser
{
    public static bool TryParse(string expression, out Predicate? predicate)
    {
        predicate = null;
        var tokens = Tokenize(expression);
        if (tokens is null || tokens.Count == 0)
        {
            return false;
        }

        var reader = new TokenReader(tokens);
        var result = ParseConjunction(reader);
        if (result is null || !reader.AtEnd)
        {
            return false;
        }

        predicate = result;
        return true;
    }

    private static Predicate? ParseConjunction(TokenReader r)
    {
        var parts = new List<Predicate>();
        do
        {
            var term = ParseTerm(r);
            if (term is null)
            {
                return null;
            }

            parts.Add(term);
        }
        while (r.TakeKeyword("AND"));

        return parts.Count == 1 ? parts[0] : new AndPredicate(parts);
    }

    private static Predicate? ParseTerm(TokenReader r)
    {
        if (r.TakeSymbol("("))
        {
            var inner = ParseConjunction(r);
            return inner is not null && r.TakeSymbol(")") ? inner : null;
        }

        if (TryLiteral(r) is { } leftLiteral)
        {
            // literal op column: flip the operator so the column is on the left.
            return r.TakeOperator() is { } op && TakeColumn(r) is { } column
                ? new ComparePredicate(column, Flip(op), leftLiteral)
                : null;
        }

        if (TakeColumn(r) is not { } col)
        {
            return null;
        }

        if (r.TakeKeyword("IS"))
        {
            return r.TakeKeyword("NOT") && r.TakeKeyword("NULL") ? new NotNullPredicate(col) : null;
        }

        if (r.TakeKeyword("BETWEEN"))
        {
            var low = TryLiteral(r);
            return low is not null && r.TakeKeyword("AND") && TryLiteral(r) is { } high ? new BetweenPredicate(col, low, high) : null;
        }

        var negated = r.TakeKeyword("NOT");
        if (r.TakeKeyword("IN"))
        {
            if (!r.TakeSymbol("("))
            {
                return null;
            }

            var values = new List<SqlLiteral>();
            do
            {
                if (TryLiteral(r) is not { } value)
                {
                    return null;
                }

                values.Add(value);
            }
            while (r.TakeSymbol(","));

            return r.TakeSymbol(")") ? new InPredicate(col, values, negated) : null;
        }

        if (negated)
        {
            return null;
        }

        return r.TakeOperator() is { } operation && TryLiteral(r) is { } literal ? new ComparePredicate(col, operation, literal) : null;
    }

    private static ColumnRef? TakeColumn(TokenReader r)
    {
        var token = r.Peek();
        if (token is { Kind: TokenKind.QuotedIdentifier })
        {
            r.Next();
            return new ColumnRef(token.Text, Quoted: true);
        }

        if (token is { Kind: TokenKind.Word } && !IsKeyword(token.Text))
        {
            r.Next();
            return new ColumnRef(token.Text, Quoted: false);
        }

        return null;
    }

    private static SqlLiteral? TryLiteral(TokenReader r)
    {
        var token = r.Peek();
        switch (token)
        {
            case { Kind: TokenKind.Number }:
                r.Next();
                return new SqlLiteral(LiteralKind.Number, token.Text);
            case { Kind: TokenKind.String }:
                r.Next();
                return new SqlLiteral(LiteralKind.String, token.Text);
            case { Kind: TokenKind.Word }:
                var kind = token.Text.ToUpperInvariant() switch
                {
                    "DATE" => LiteralKind.Date,
                    "TIMESTAMP" => LiteralKind.Timestamp,
                    "TIME" => LiteralKind.Time,
                    _ => (LiteralKind?)null,
                };
                if (kind is { } typed && r.PeekAt(1) is { Kind: TokenKind.String } text)
                {
                    r.Next();
                    r.Next();
                    return new SqlLiteral(typed, text.Text);
                }

                return null;
            default:
                return null;
        }
    }

    private static string Flip(string op) => op switch
    {
        "<" => ">",
        "<=" => ">=",
        ">" => "<",
        ">=" => "<=",
        _ => op,
    };

    private static bool IsKeyword(string word) => word.ToUpperInvariant() is
        "AND" or "OR" or "NOT" or "IS" or "NULL" or "IN" or "BETWEEN" or "TRUE" or "FALSE" or "DATE" or "TIMESTAMP"
        or "TIME" or "LIKE" or "CASE" or "WHEN" or "THEN" or "ELSE" or "END";

    private enum TokenKind
    {
        Word,
        QuotedIdentifier,
        String,
        Number,
        Symbol,
        Operator,
    }

    private sealed record Token(TokenKind Kind, string Text);

    private static List<Token>? Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                var value = ReadQuoted(text, ref i, c);
                if (value is null)
                {
                    return null;
                }

                tokens.Add(new Token(c == '"' ? TokenKind.QuotedIdentifier : TokenKind.String, value));
            }
            else if (char.IsAsciiDigit(c) || (c is '-' or '.' && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] == '.')
                         && (tokens.Count == 0 || tokens[^1].Kind is TokenKind.Operator or TokenKind.Symbol or TokenKind.Word)))
            {
                var start = i++;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                var number = text[start..i];
                if (!decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
                {
                    return null;
                }

                tokens.Add(new Token(TokenKind.Number, SqlText.NumberLiteral(parsed)));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i]));
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString()));
                i++;
            }
            else if (c is '<' or '>' or '=' or '!')
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : null;
                if (two is "<=" or ">=" or "<>" or "!=")
                {
                    tokens.Add(new Token(TokenKind.Operator, two == "!=" ? "<>" : two));
                    i += 2;
                }
                else if (c != '!')
                {
                    tokens.Add(new Token(TokenKind.Operator, c.ToString()));
                    i++;
                }
                else
                {
                    return null;
                }
            }
            else
            {
                return null;
            }
        }

        return tokens;
    }

    private static string? ReadQuoted(string text, ref int i, char quote)
    {
        var value = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    value.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                return value.ToString();
            }

            value.Append(text[i++]);
        }

        return null;
    }

    private sealed class TokenReader(List<Token> tokens)
    {
        private int _position;

        public bool AtEnd => _position >= tokens.Count;

        public Token? Peek() => PeekAt(0);

        public Token? PeekAt(int offset) => _position + offset < tokens.Count ? tokens[_position + offset] : null;

        public void Next() => _position++;

        public bool TakeKeyword(string keyword)
        {
            if (Peek() is { Kind: TokenKind.Word } token && string.Equals(token.Text, keyword, StringComparison.OrdinalIgnoreCase))
            {
                _position++;
                return true;
            }

            return false;
        }

        public bool TakeSymbol(string symbol)
        {
            if (Peek() is { Kind: TokenKind.Symbol } token && token.Text == symbol)
            {
                _position++;
                return true;
            }

            return false;
        }

        public string? TakeOperator()
        {
            if (Peek() is { Kind: TokenKind.Operator } token)
            {
                _position++;
                return token.Text;
            }

            return null;
        }
    }
}
