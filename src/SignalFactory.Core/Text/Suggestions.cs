namespace SignalFactory.Core.Text;

/// <summary>"Did you mean ...?" for misspelled keys.</summary>
internal static class Suggestions
{
    /// <summary>Keys are short; no point spending quadratic time on a pasted paragraph.</summary>
    private const int MaxInputLength = 64;

    /// <summary>
    /// The candidate closest to <paramref name="input"/> by edit distance (a transposition counts as one edit),
    /// or null when none is close: at most 2 edits, and fewer than half the input's length so that short
    /// unrelated words are not "corrected".
    /// </summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        if (input.Length > MaxInputLength)
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var limit = Math.Min(2, Math.Max(1, (input.Length - 1) / 2));
        return bestDistance <= limit ? best : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    public static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }

                d[i, j] = value;
            }
        }

        return d[a.Length, b.Length];
    }
}
