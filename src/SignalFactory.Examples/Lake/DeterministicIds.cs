using System.Security.Cryptography;
using System.Text;

namespace SignalFactory.Examples.Lake;

/// <summary>Ids and jitter that look random but are fixed functions of the seed, so reruns are byte-identical.</summary>
internal static class DeterministicIds
{
    /// <summary>A version-4-shaped UUID derived from SHA-256 of the parts.</summary>
    public static Guid Uuid(int seed, params string[] parts)
    {
        var text = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\u001f" + string.Join('\u001f', parts);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>A value in [0, <paramref name="range"/>) derived from the seed and the parts (SplitMix64 steps).</summary>
    public static long Jitter(int seed, long range, params long[] parts)
    {
        var state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL);
        foreach (var part in parts)
        {
            state = SplitMix(unchecked(state + (ulong)part));
        }

        return (long)(SplitMix(state) % (ulong)range);
    }

    private static ulong SplitMix(ulong value)
    {
        unchecked
        {
            var z = value + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
