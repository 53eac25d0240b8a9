using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace SignalFactory.Registry;

/// <summary>
/// Opaque keyset cursors for <see cref="IRegistryStore.ListAsync"/>: base64url of
/// <c>{"v":1,"after":"&lt;last urn&gt;","filters":"&lt;hash&gt;","check":"&lt;hash&gt;"}</c>. The cursor is the last
/// URN returned, not an offset, so datasets inserted elsewhere never shift a page; the filter hash lets a token
/// used with other filters be refused instead of silently skipping rows; the check hash (over the other fields)
/// catches a damaged token that still decodes. Neither is a security boundary: the cursor grants nothing.
/// Shared by every store backend.
/// </summary>
internal static class RegistryPageToken
{
    private const int FormatVersion = 1;

    // Real tokens are ~100 characters; anything far longer is not ours and is refused before decoding.
    private const int MaxTokenLength = 4096;

    private const string CorruptedMessage =
        "The page token is not valid: it is corrupted or was not issued by this registry. Start again without a page token.";

    private const string OtherFiltersMessage =
        "The page token was issued for different filters (tier, status, format, owner). Repeat the query with the same filters, or start again without a page token.";

    /// <summary>Checks the page size and the status filter; throws <see cref="ArgumentException"/> when wrong.</summary>
    /// <remarks>Messages here carry no parameter name: the CLI and API show them to users as they are.</remarks>
    public static void ValidateQuery(RegistryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > RegistryQuery.MaxPageSize)
        {
            throw new ArgumentException($"Page size must be between 1 and {RegistryQuery.MaxPageSize}; got {query.PageSize}.");
        }

        if (query.Status is not null)
        {
            DatasetStatus.EnsureKnown(query.Status);
        }
    }

    /// <summary>The URN to continue after, or null for the first page.</summary>
    public static string? DecodeAfter(RegistryQuery query)
    {
        if (string.IsNullOrEmpty(query.PageToken))
        {
            return null;
        }

        var token = query.PageToken;
        string after;
        string filters;
        string check;
        try
        {
            if (token.Length > MaxTokenLength)
            {
                throw new FormatException();
            }

            var bytes = Base64Url.DecodeFromChars(token);
            // Only the exact encoding we issue is accepted (no padding, no stray trailing bits).
            if (!string.Equals(Base64Url.EncodeToString(bytes), token, StringComparison.Ordinal))
            {
                throw new FormatException();
            }

            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != FormatVersion
                || !root.TryGetProperty("after", out var a) || a.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("filters", out var f) || f.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("check", out var c) || c.ValueKind != JsonValueKind.String)
            {
                throw new FormatException();
            }

            after = a.GetString()!;
            filters = f.GetString()!;
            check = c.GetString()!;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            throw new ArgumentException(CorruptedMessage, e);
        }

        if (after.Length == 0 || !string.Equals(check, Check(after, filters), StringComparison.Ordinal))
        {
            throw new ArgumentException(CorruptedMessage);
        }

        if (!string.Equals(filters, FilterHash(query), StringComparison.Ordinal))
        {
            throw new ArgumentException(OtherFiltersMessage);
        }

        return after;
    }

    /// <summary>The token that continues after <paramref name="lastUrn"/> under the query's filters.</summary>
    public static string Encode(RegistryQuery query, string lastUrn)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", FormatVersion);
            writer.WriteString("after", lastUrn);
            var filters = FilterHash(query);
            writer.WriteString("filters", filters);
            writer.WriteString("check", Check(lastUrn, filters));
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(buffer.WrittenSpan);
    }

    private static string Check(string after, string filters)
        => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{FormatVersion}\n{filters}\n{after}")).AsSpan(0, 8));

    // A JSON array of the four filters keeps null distinct from "" and each position distinct; 16 bytes of SHA-256
    // is plenty to tell filter sets apart (a consistency check, not a security boundary).
    private static string FilterHash(RegistryQuery query)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var filter in (string?[])[query.Tier, query.Status, query.Format, query.OwnerTeam])
            {
                if (filter is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(filter);
                }
            }

            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan).AsSpan(0, 16));
    }
}
