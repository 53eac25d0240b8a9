using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SignalFactory.Orchestration.Audit;

/// <summary>
/// The audit chain's canonical form and hash. Exactly:
/// <list type="number">
/// <item>The <b>canonical JSON</b> of a record is an RFC 8785 (JCS) object with six string members, keys in
/// UTF-16 code-unit order: <c>action</c>, <c>actor</c>, <c>audit_id</c>, <c>bootstrap_id</c>, <c>details</c> (an
/// object of string members, keys likewise sorted) and <c>timestamp</c> (UTC, <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>,
/// seven fraction digits). No whitespace. Strings escape <c>"</c> and <c>\</c> as <c>\"</c> and <c>\\</c>;
/// U+0008, U+0009, U+000A, U+000C, U+000D as <c>\b \t \n \f \r</c>; other characters below U+0020 as
/// <c>\u00xx</c> (lower-case hex); every other character as itself. The text is encoded as UTF-8.</item>
/// <item>A record's <b>hash</b> is the lower-case hex SHA-256 of the ASCII bytes of the previous record's hash
/// (64 hex characters; <see cref="GenesisHash"/>, 64 zeros, for the first record) followed by the record's
/// canonical JSON bytes.</item>
/// </list>
/// The chain position (<c>sequence</c>) is not hashed: order is carried by the links themselves, which is what lets
/// the verifier tell a reordering or an insertion from an edit.
/// </summary>
public static class AuditHashing
{
    /// <summary>The previous hash of the first record: 64 zeros.</summary>
    public static string GenesisHash { get; } = new('0', 64);

    /// <summary>The timestamp format of the canonical JSON and of storage.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The canonical text of a timestamp (converted to UTC).</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses a canonical timestamp; false for any other form.</summary>
    public static bool TryParseTimestamp(string text, out DateTimeOffset timestamp) =>
        DateTimeOffset.TryParseExact(text, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp)
        && FormatTimestamp(timestamp) == text;

    /// <summary>The canonical JSON bytes of a record.</summary>
    /// <exception cref="ArgumentException">A string holds an unpaired surrogate (not encodable as UTF-8).</exception>
    public static byte[] CanonicalJson(
        string auditId, string bootstrapId, string action, string actor, string timestamp, IReadOnlyDictionary<string, string> details)
    {
        var text = new StringBuilder(256);
        text.Append('{');
        Member(text, "action", action).Append(',');
        Member(text, "actor", actor).Append(',');
        Member(text, "audit_id", auditId).Append(',');
        Member(text, "bootstrap_id", bootstrapId).Append(',');
        WriteString(text, "details").Append(':');
        AppendDetails(text, details).Append(',');
        Member(text, "timestamp", timestamp);
        text.Append('}');
        return Encode(text.ToString());
    }

    /// <summary>The canonical JSON object of <paramref name="details"/> (the form stored in the <c>details</c> column).</summary>
    public static string CanonicalDetails(IReadOnlyDictionary<string, string> details) => AppendDetails(new StringBuilder(), details).ToString();

    /// <summary>Parses a stored <c>details</c> object; false unless it is an object of unique keys with string values.</summary>
    public static bool TryParseDetails(string json, out ImmutableSortedDictionary<string, string> details)
    {
        details = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Value.ValueKind != JsonValueKind.String || !builder.TryAdd(member.Name, member.Value.GetString()!))
                {
                    return false;
                }
            }

            details = builder.ToImmutable();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>SHA-256 over the previous hash's ASCII bytes and the canonical JSON, as lower-case hex.</summary>
    public static string ComputeHash(string previousHash, ReadOnlySpan<byte> canonicalJson)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.ASCII.GetBytes(previousHash));
        sha.AppendData(canonicalJson);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static byte[] Encode(string text)
    {
        try
        {
            return _strictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("Audit text holds an unpaired surrogate and cannot be encoded as UTF-8.", e);
        }
    }

    private static StringBuilder AppendDetails(StringBuilder text, IReadOnlyDictionary<string, string> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        text.Append('{');
        var first = true;
        foreach (var key in details.Keys.Order(StringComparer.Ordinal))
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            Member(text, key, details[key]);
        }

        return text.Append('}');
    }

    private static StringBuilder Member(StringBuilder text, string key, string value) =>
        WriteString(WriteString(text, key).Append(':'), value);

    private static StringBuilder WriteString(StringBuilder text, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\t': text.Append("\\t"); break;
                case '\n': text.Append("\\n"); break;
                case '\f': text.Append("\\f"); break;
                case '\r': text.Append("\\r"); break;
                case < ' ': text.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }

        return text.Append('"');
    }
}
