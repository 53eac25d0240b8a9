using System.Globalization;
using SignalFactory.Cli.Hosting;

namespace SignalFactory.Cli.Runs;

/// <summary>Parses <c>--null-rate COL=RATE</c> values.</summary>
internal static class NullRateArguments
{
    /// <summary>
    /// Column → rate. The column is everything before the last <c>=</c> (column names may hold one), kept exactly;
    /// the rate is an invariant-culture number from 0 to 1.
    /// </summary>
    /// <exception cref="InvalidInputException">A value is not COL=RATE, the rate is out of range, or a column repeats.</exception>
    public static IReadOnlyDictionary<string, double> Parse(IEnumerable<string> values)
    {
        var rates = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var split = value.LastIndexOf('=');
            var column = split > 0 ? value[..split] : string.Empty;
            var rateText = split >= 0 ? value[(split + 1)..] : string.Empty;
            if (column.Length == 0
                || !double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
                || !(rate is >= 0 and <= 1))
            {
                throw new InvalidInputException(
                    $"--null-rate '{value}': expected COLUMN=RATE with RATE a number from 0 to 1 (e.g. --null-rate email=0.02)");
            }

            if (!rates.TryAdd(column, rate))
            {
                throw new InvalidInputException($"--null-rate: column '{column}' is given twice");
            }
        }

        return rates;
    }
}
