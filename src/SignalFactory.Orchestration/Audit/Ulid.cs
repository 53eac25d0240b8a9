using System.Security.Cryptography;

namespace SignalFactory.Orchestration.Audit;

/// <summary>
/// ULIDs (the seed's <c>audit_id</c>): 48 bits of Unix milliseconds then 80 random bits, as 26 Crockford base-32
/// characters, so ids sort by time.
/// </summary>
internal static class Ulid
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(DateTimeOffset timestamp)
    {
        var milliseconds = (ulong)Math.Clamp(timestamp.ToUnixTimeMilliseconds(), 0L, (1L << 48) - 1);
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);

        var value = (UInt128)milliseconds << 80;
        for (var i = 0; i < random.Length; i++)
        {
            value |= (UInt128)random[i] << (8 * (9 - i));
        }

        Span<char> text = stackalloc char[26];
        for (var i = text.Length - 1; i >= 0; i--)
        {
            text[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(text);
    }
}
