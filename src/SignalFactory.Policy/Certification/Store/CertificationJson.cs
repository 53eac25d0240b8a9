using System.Text.Json;
using System.Text.Json.Serialization;

namespace SignalFactory.Policy.Certification.Store;

/// <summary>
/// JSON of the pointer and of history entries: snake_case keys as in the seeds, absent values left out, timestamps
/// as ISO-8601 UTC.
/// </summary>
public static class CertificationJson
{
    /// <summary>The options used for the stored JSON (and suitable for printing a record).</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>The pointer as stored in <c>certified_pointer</c>.</summary>
    public static string Serialize(CertifiedPointer pointer) => JsonSerializer.Serialize(pointer, Options);

    /// <summary>A whole record, as stored in the history.</summary>
    public static string Serialize(CertifiedViewState record) => JsonSerializer.Serialize(record, Options);

    internal static CertifiedPointer DeserializePointer(string json) =>
        JsonSerializer.Deserialize<CertifiedPointer>(json, Options) ?? throw new JsonException("certified_pointer is null");

    internal static CertifiedViewState DeserializeRecord(string json) =>
        JsonSerializer.Deserialize<CertifiedViewState>(json, Options) ?? throw new JsonException("record_json is null");
}
