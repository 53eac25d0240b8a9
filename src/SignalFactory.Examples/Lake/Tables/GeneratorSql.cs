using System.Globalization;
using System.Text;
using SignalFactory.DuckDb;

namespace SignalFactory.Examples.Lake.Tables;

/// <summary>
/// SQL building blocks shared by the table generators. Rows are made inside DuckDB from <c>range(n)</c>: every
/// pseudo-random value is a pure function of (row key, salt, seed), so the same seed always gives the same data,
/// whatever the thread count, and no row passes through C#.
/// </summary>
/// <remarks>
/// Parameters every row query takes: $1 mixed seed (0 to 2^32-1, see <see cref="SeedParameter"/>),
/// $2 partition index, $3 rows per partition, $4 first row index, $5 end row index (exclusive),
/// $6 partition day start (Unix seconds, UTC).
/// Literals in the SQL text are the generator's own constants (word lists, salts), never input data.
/// </remarks>
internal static class GeneratorSql
{
    /// <summary>
    /// <c>sf_h(key, salt, seed)</c>: a 32-bit hash (returned as BIGINT) built from the murmur3 32-bit finaliser of
    /// <c>key * 2654435761 + seed + salt * 2246822519</c> (mod 2^32). The seed is mixed in C# before it is bound
    /// (<see cref="SeedParameter"/>), and the odd multipliers make each salt a distant, unrelated-looking stream.
    /// Everything stays in UBIGINT arithmetic below 2^64, masked to 32 bits after each multiplication. DuckDB's own
    /// hash() and random() are avoided: their results are not promised stable across versions.
    /// </summary>
    /// <remarks>
    /// DuckDB expands macros textually and <c>sf_xs</c> uses its argument twice, so the key expression is copied
    /// eight times into every hash: keep it a plain column (<c>r</c>, <c>customer_id</c>), or planning gets slow.
    /// </remarks>
    public static IReadOnlyList<string> Macros { get; } =
    [
        "CREATE OR REPLACE TEMP MACRO sf_xs(x, s) AS xor(x, (x >> s))",
        "CREATE OR REPLACE TEMP MACRO sf_fmix(h) AS sf_xs((sf_xs((sf_xs(h, 16) * 2246822507) & 4294967295, 13) * 3266489909) & 4294967295, 16)",
        "CREATE OR REPLACE TEMP MACRO sf_h(r, k, s) AS CAST(sf_fmix(((CAST(r AS UBIGINT) * 2654435761) + CAST(s AS UBIGINT) + (CAST(k AS UBIGINT) * 2246822519)) & 4294967295) AS BIGINT)",
    ];

    /// <summary>The first stage of every row query: row index <c>i</c> inside the partition and a lake-wide key <c>r</c>.</summary>
    public const string RowRange =
        "SELECT i, ($2::BIGINT * $3::BIGINT) + i AS r FROM range($4::BIGINT, $5::BIGINT) AS t(i)";

    private static readonly string[] FirstNames =
        ["james", "mary", "robert", "linda", "michael", "susan", "david", "karen",
         "maria", "wei", "aisha", "carlos", "priya", "omar", "yuki", "emma"];

    private static readonly string[] LastNames =
        ["smith", "johnson", "garcia", "brown", "miller", "davis", "wilson", "lopez",
         "nguyen", "patel", "kim", "chen", "ali", "silva", "muller", "cohen"];

    // Reserved example domains (RFC 2606), so no generated address can belong to anyone.
    private static readonly string[] EmailDomains = ["example.com", "example.org", "example.net"];

    private static readonly int[] AreaCodes = [415, 212, 312, 646, 206, 617, 303, 512];

    /// <summary>The value bound to $1: the seed spread over 32 bits (SplitMix64 finaliser), so nearby seeds differ widely.</summary>
    public static long SeedParameter(int seed)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (long)((z ^ (z >> 31)) & 0xFFFFFFFFUL);
        }
    }

    /// <summary>A hash of <paramref name="key"/> with a per-column <paramref name="salt"/>.</summary>
    public static string Hash(string key, int salt) =>
        string.Create(CultureInfo.InvariantCulture, $"sf_h({key}, {salt}, $1)");

    /// <summary>True for the rows that must be null under <paramref name="rate"/> (see <see cref="NullRate"/>).</summary>
    public static string NullWhen(NullRate rate) => rate.NullsPerCycle == 0
        ? "FALSE"
        : string.Create(CultureInfo.InvariantCulture,
            $"((i * {NullRate.ScrambleMultiplier}) % {rate.CycleLength} < {rate.NullsPerCycle})");

    /// <summary><paramref name="expression"/>, or NULL on the rows <paramref name="rate"/> selects.</summary>
    public static string WithNulls(NullRate rate, string expression) => rate.NullsPerCycle == 0
        ? expression
        : $"CASE WHEN {NullWhen(rate)} THEN NULL ELSE {expression} END";

    /// <summary>One of <paramref name="values"/>, chosen by <paramref name="hash"/> modulo their count.</summary>
    public static string Pick(string hash, IReadOnlyList<string> values)
    {
        var list = string.Join(", ", values.Select(v => "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'"));
        return string.Create(CultureInfo.InvariantCulture, $"[{list}][1 + ({hash}) % {values.Count}]");
    }

    /// <summary>
    /// The Luhn check digit of a 15-digit number held in the BIGINT column <paramref name="body"/>.
    /// Counting from the left, odd positions are doubled (they are every second digit left of the check digit);
    /// a doubled digit's digit sum is <c>((2d - 1) % 9) + 1</c>, which is 0 for d = 0 and 9 for d = 9.
    /// </summary>
    public static string LuhnCheckDigit(string body)
    {
        var sum = new StringBuilder();
        for (var position = 1; position <= 15; position++)
        {
            var divisor = (long)Math.Pow(10, 15 - position);
            var digit = string.Create(CultureInfo.InvariantCulture, $"(({body} // {divisor}) % 10)");
            if (sum.Length > 0)
            {
                sum.Append(" + ");
            }

            sum.Append(position % 2 == 1 ? $"(((2 * {digit} - 1) % 9) + 1)" : digit);
        }

        return $"((10 - (({sum}) % 10)) % 10)";
    }

    /// <summary>An e-mail address at a reserved example domain, from the hash column <paramref name="hash"/>.</summary>
    /// <remarks>concat() rather than a chain of || operators: it is several times faster in DuckDB.</remarks>
    public static string Email(string hash)
    {
        var names = FirstNames.Length * LastNames.Length;
        var first = Pick(hash, FirstNames);
        var last = Pick($"({hash}) // {FirstNames.Length}", LastNames);
        var domain = Pick(string.Create(CultureInfo.InvariantCulture, $"({hash}) // {names * 100}"), EmailDomains);
        return string.Create(CultureInfo.InvariantCulture,
            $"concat({first}, '.', {last}, (({hash}) // {names}) % 100, '@', {domain})");
    }

    /// <summary>A North American number in the fictional 555-01XX range, as <c>+1-415-555-0123</c> or <c>(415) 555-0123</c>.</summary>
    public static string Phone(string hash)
    {
        var areas = "[" + string.Join(", ", AreaCodes.Select(a => a.ToString(CultureInfo.InvariantCulture))) + "]";
        var area = string.Create(CultureInfo.InvariantCulture, $"{areas}[1 + (({hash}) // 2) % {AreaCodes.Length}]");
        var line = $"(({hash}) // 16) % 100";
        return $"CASE WHEN ({hash}) % 2 = 0 THEN printf('+1-%d-555-01%02d', {area}, {line}) "
            + $"ELSE printf('(%d) 555-01%02d', {area}, {line}) END";
    }

    /// <summary>A valid-looking SSN: area 001-665 or 667-899, group 01-99, serial 0001-9999.</summary>
    public static string Ssn(string hash)
    {
        var area = $"(({hash}) % 898) + 1";
        return $"printf('%03d-%02d-%04d', CASE WHEN {area} >= 666 THEN {area} + 1 ELSE {area} END, "
            + $"1 + (({hash}) // 898) % 99, 1 + (({hash}) // 88902) % 9999)";
    }

    /// <summary>
    /// A public-looking IPv4 address (first octet 11-223 but not 127, last octet 1-254) from the first octet value
    /// <paramref name="first"/> (0-211) and a hash <paramref name="hash"/> for the other three.
    /// </summary>
    public static string Ipv4(string first, string hash)
    {
        var octet = $"11 + ({first})";
        return $"concat(CASE WHEN {octet} >= 127 THEN {octet} + 1 ELSE {octet} END, '.', "
            + $"({hash}) % 256, '.', (({hash}) // 256) % 256, '.', 1 + (({hash}) // 65536) % 254)";
    }

    /// <summary>A naive TIMESTAMP from Unix microseconds.</summary>
    public static string TimestampFromMicros(string micros) => $"make_timestamp({micros})";

    /// <summary>A TIMESTAMP WITH TIME ZONE (UTC-adjusted in Parquet) from Unix microseconds, whatever the session time zone.</summary>
    public static string TimestampTzFromMicros(string micros) => $"timezone('UTC', make_timestamp({micros}))";

    /// <summary>Wraps <paramref name="select"/> in a COPY to a zstd Parquet file.</summary>
    /// <remarks>
    /// A COPY target cannot be a prepared-statement parameter, so the path is the one literal in the statement:
    /// it is built only from the generator's own folder and file names, with single quotes doubled.
    /// </remarks>
    public static string CopyToParquet(string select, string path) =>
        $"COPY ({select}) TO {QuoteLiteral(path)} (FORMAT parquet, COMPRESSION zstd)";

    /// <summary>
    /// Wraps a row query so every column gets exactly the DuckDB type <paramref name="schema"/> declares
    /// (and so the Parquet files carry the types the Delta schema promises).
    /// </summary>
    public static string Typed(ExampleTableSchema schema, string select, bool orderByRow = false)
    {
        var columns = schema.Columns.Select(c => $"CAST({Identifier(c.Name)} AS {c.DuckDbType}) AS {Identifier(c.Name)}");
        return $"SELECT {string.Join(", ", columns)} FROM ({select})" + (orderByRow ? " ORDER BY i" : string.Empty);
    }

    /// <summary>A quoted identifier.</summary>
    public static string Identifier(string name) => DuckDbSql.QuoteIdentifier(name);

    /// <summary>A SQL string literal (single quotes doubled).</summary>
    public static string QuoteLiteral(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
