using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SignalFactory.DuckDb;

namespace SignalFactory.Policy.Tests.Certification.Support;

/// <summary>What the tests read from the lake themselves, without the code under test.</summary>
public static partial class LakeFiles
{
    /// <summary>The highest N among <c>_delta_log/N.json</c>, by listing the folder.</summary>
    public static long HighestCommit(string tableRoot) =>
        Directory.EnumerateFiles(Path.Combine(tableRoot, "_delta_log"))
            .Select(Path.GetFileName)
            .Where(name => CommitName().IsMatch(name!))
            .Select(name => long.Parse(name![..20], CultureInfo.InvariantCulture))
            .Max();

    /// <summary>The commit's <c>commitInfo</c> timestamp (in-commit timestamp first), read from its JSON file.</summary>
    public static DateTimeOffset CommitTimestamp(string tableRoot, long version)
    {
        var path = Path.Combine(tableRoot, "_delta_log", version.ToString("D20", CultureInfo.InvariantCulture) + ".json");
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("commitInfo", out var info))
            {
                var ms = info.TryGetProperty("inCommitTimestamp", out var ict) ? ict.GetInt64() : info.GetProperty("timestamp").GetInt64();
                return DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }
        }

        throw new InvalidOperationException($"{path} has no commitInfo");
    }

    /// <summary>The newest <c>dt=</c> folder of a table (ISO dates sort as text).</summary>
    public static string NewestDtFolder(string tableRoot) =>
        Directory.EnumerateDirectories(tableRoot, "dt=*").Order(StringComparer.Ordinal).Last();

    public static long CountRows(IReadOnlyList<string> files)
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        using var result = connection.Query("SELECT count(*) FROM read_parquet($1)", new object?[] { files.ToArray() });
        Assert.True(result.Read());
        return result.GetInt64(0);
    }

    /// <summary>Runs a query and returns its rows (for the tests' own reading of files).</summary>
    public static List<object?[]> Rows(string sql, params object?[] parameters)
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        using var result = connection.Query(sql, parameters);
        return result.Rows().Select(r => (object?[])r.Clone()).ToList();
    }

    /// <summary>Writes a Parquet file with columns id BIGINT and name VARCHAR and <paramref name="rows"/> rows.</summary>
    public static void WriteParquet(string path, int rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();

        // COPY takes its target as a literal; the path is the test's own temp path, quoted.
        var target = path.Replace("'", "''", StringComparison.Ordinal);
        connection.Execute(string.Create(CultureInfo.InvariantCulture,
            $"COPY (SELECT range::BIGINT AS id, 'n' || range AS name FROM range({rows})) TO '{target}' (FORMAT parquet)"));
    }

    [GeneratedRegex(@"^\d{20}\.json$")]
    private static partial Regex CommitName();
}
