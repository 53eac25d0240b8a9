using System.Globalization;
using System.Text.RegularExpressions;

namespace SignalFactory.Storage.Delta;

/// <summary>
/// The one mapping from a Delta primitive type name to the DuckDB type the profiler and the certifier give a
/// partition column. Both compute the schema fingerprint from it, so they must never disagree.
/// </summary>
public static partial class DeltaTypes
{
    /// <summary>
    /// <c>long</c> → BIGINT, <c>decimal(12,2)</c> → DECIMAL(12,2), … Delta's <c>timestamp</c> is UTC-adjusted, so
    /// TIMESTAMP WITH TIME ZONE. Binary, nested and unknown types stay VARCHAR, which is how the log stores every
    /// partition value.
    /// </summary>
    public static string ToDuckDbType(string deltaType)
    {
        ArgumentNullException.ThrowIfNull(deltaType);
        var type = deltaType.Trim().ToLowerInvariant();
        if (DecimalType().Match(type) is { Success: true } decimalType
            && int.TryParse(decimalType.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var precision)
            && int.TryParse(decimalType.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var scale)
            && precision is >= 1 and <= 38 && scale <= precision)
        {
            return string.Create(CultureInfo.InvariantCulture, $"DECIMAL({precision},{scale})");
        }

        return type switch
        {
            "long" => "BIGINT",
            "integer" => "INTEGER",
            "short" => "SMALLINT",
            "byte" => "TINYINT",
            "float" => "FLOAT",
            "double" => "DOUBLE",
            "boolean" => "BOOLEAN",
            "date" => "DATE",
            "timestamp" => "TIMESTAMP WITH TIME ZONE",
            "timestamp_ntz" => "TIMESTAMP",
            _ => "VARCHAR",
        };
    }

    [GeneratedRegex(@"^decimal\((\d{1,2}),\s*(\d{1,2})\)$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalType();
}
