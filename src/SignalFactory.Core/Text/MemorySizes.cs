using System.Text.RegularExpressions;

namespace SignalFactory.Core.Text;

/// <summary>
/// DuckDB memory sizes (<c>memory_limit</c>): a number and a unit such as <c>512MB</c>, <c>1GB</c> or <c>2GiB</c>. One
/// grammar for <c>sf profile --memory-limit</c> and the <c>profiling.memory_limit</c> workspace setting.
/// </summary>
public static partial class MemorySizes
{
    /// <summary>The default DuckDB memory limit of a profile (LLD §4.4 <c>MEMORY_LIMIT</c>).</summary>
    public const string DefaultLimit = "1GB";

    /// <summary>Whether <paramref name="value"/> is a memory size DuckDB accepts.</summary>
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex(@"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
