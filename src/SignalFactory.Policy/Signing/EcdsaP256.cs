using System.Numerics;

namespace SignalFactory.Policy.Signing;

/// <summary>
/// Low-s normalization for P-256 signatures. For any valid (r, s), (r, n − s) is valid too; signing always emits the
/// smaller s and verification refuses the larger one, so each signature has one accepted encoding and a changed
/// signature byte can never yield another accepted signature.
/// </summary>
internal static class EcdsaP256
{
    public const int SignatureLength = 64;
    private const int ScalarLength = 32;

    // The order n of the P-256 base point (FIPS 186-4, D.1.2.3).
    private static readonly BigInteger _order = BigInteger.Parse(
        "115792089210356248762697446949407573529996955224135760342422259061068512044369",
        System.Globalization.CultureInfo.InvariantCulture);

    private static readonly BigInteger _halfOrder = _order >> 1;

    public static bool IsLowS(ReadOnlySpan<byte> signature) => S(signature) <= _halfOrder;

    public static void NormalizeToLowS(Span<byte> signature)
    {
        var s = S(signature);
        if (s <= _halfOrder)
        {
            return;
        }

        var target = signature.Slice(ScalarLength, ScalarLength);
        target.Clear();
        var low = _order - s;
        var length = low.GetByteCount(isUnsigned: true);
        low.TryWriteBytes(target[(ScalarLength - length)..], out _, isUnsigned: true, isBigEndian: true);
    }

    private static BigInteger S(ReadOnlySpan<byte> signature) =>
        new(signature.Slice(ScalarLength, ScalarLength), isUnsigned: true, isBigEndian: true);
}
