using System.Security.Cryptography;
using System.Text;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Schema;

namespace SignalFactory.Profiling.Tests.Schema;

public sealed class SchemaFingerprintTests
{
    private static readonly FingerprintColumn Id = new("id", "LONG", false);
    private static readonly FingerprintColumn Amount = new("amount", "DECIMAL(12,2)", true);
    private static readonly FingerprintColumn Email = new("email", "STRING", true);

    [Fact]
    public void Compute_TwoColumns_IsSha256OfSortedLinesJoinedByPipe()
    {
        // Written out by hand: lines "name:type:nullable", sorted, joined with '|'.
        const string canonical = "amount:DECIMAL(12,2):true|id:LONG:false";
        var expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

        Assert.Equal(canonical, SchemaFingerprint.CanonicalText([Id, Amount]));
        Assert.Equal(expected, SchemaFingerprint.Compute([Id, Amount]));
    }

    [Fact]
    public void Compute_KnownInput_MatchesIndependentlyComputedDigest()
    {
        // printf '%s' 'amount:DECIMAL(12,2):true|id:LONG:false' | sha256sum
        Assert.Equal(
            "sha256:fafa7e2a6e239dabfe63858636217d77dd7fb6104152b3a766c9f4c5ac3a9c7c",
            SchemaFingerprint.Compute([Amount, Id]));
    }

    [Fact]
    public void Compute_ColumnOrder_DoesNotChangeFingerprint() =>
        Assert.Equal(SchemaFingerprint.Compute([Id, Amount, Email]), SchemaFingerprint.Compute([Email, Id, Amount]));

    [Fact]
    public void Compute_TypeChange_ChangesFingerprint() =>
        Assert.NotEqual(
            SchemaFingerprint.Compute([Id, Amount]),
            SchemaFingerprint.Compute([Id, Amount with { Type = "DECIMAL(14,2)" }]));

    [Fact]
    public void Compute_NullabilityChange_ChangesFingerprint() =>
        Assert.NotEqual(
            SchemaFingerprint.Compute([Id, Amount]),
            SchemaFingerprint.Compute([Id with { Nullable = true }, Amount]));

    [Fact]
    public void Compute_Rename_ChangesFingerprint() =>
        Assert.NotEqual(
            SchemaFingerprint.Compute([Id, Amount]),
            SchemaFingerprint.Compute([Id with { Name = "ID" }, Amount]));

    [Fact]
    public void Compute_SeparatorsInNames_AreEscapedSoTheyCannotImitateAnotherSchema()
    {
        // Without escaping, both would hash "a:LONG:false|b:LONG:false".
        var oneColumn = SchemaFingerprint.CanonicalText([new FingerprintColumn("a:LONG:false|b", "LONG", false)]);
        var twoColumns = SchemaFingerprint.CanonicalText([new("a", "LONG", false), new("b", "LONG", false)]);

        Assert.Equal(@"a\:LONG\:false\|b:LONG:false", oneColumn);
        Assert.NotEqual(oneColumn, twoColumns);
    }

    [Fact]
    public void Compute_Lowercase64HexDigits()
    {
        var fingerprint = SchemaFingerprint.Compute([Id]);

        Assert.StartsWith("sha256:", fingerprint, StringComparison.Ordinal);
        Assert.Matches("^sha256:[0-9a-f]{64}$", fingerprint);
    }

    [Fact]
    public void Compute_DuplicateColumn_Throws() =>
        Assert.Throws<ArgumentException>(() => SchemaFingerprint.Compute([Id, Id with { Type = "INT" }]));

    [Fact]
    public void SchemaSection_From_CountsColumnsAndKeepsTableOrder()
    {
        var columns = new List<SchemaColumn>
        {
            new() { Name = "id", Type = "LONG", Nullable = false },
            new() { Name = "amount", Type = "DECIMAL(12,2)", Nullable = true },
        };

        var section = SchemaSection.From(columns);

        Assert.Equal(2, section.ColumnCount);
        Assert.Equal(["id", "amount"], section.Columns.Select(c => c.Name));
        Assert.Equal(SchemaFingerprint.Compute([Id, Amount]), section.CanonicalFingerprint);
    }
}
