using System.Text.Json;
using System.Text.Json.Serialization;

namespace SignalFactory.Profiling.Refinement;

/// <summary>
/// JSON of <c>baseline_value</c> and <c>run_history.null_rates</c>: snake_case names like <c>baseline.json</c>,
/// absent optional fields left out, dictionary keys (column names) kept as they are.
/// </summary>
internal static class BaselineValueJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <exception cref="BaselineStoreFormatException">Not valid JSON of the expected shape.</exception>
    public static T Read<T>(string json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new BaselineStoreFormatException($"{what} is null, expected a JSON object.");
        }
        catch (JsonException ex)
        {
            // The serializer's message names the path; it does not echo values.
            throw new BaselineStoreFormatException($"{what} is not readable: {ex.Message}", ex);
        }
    }

    /// <summary>Column → rate as a JSON object sorted by column.</summary>
    public static string WriteRates(IReadOnlyDictionary<string, double> rates) =>
        Write(new SortedDictionary<string, double>(rates.ToDictionary(), StringComparer.Ordinal));
}
