using System.Security.Cryptography;
using System.Text;

namespace SignalFactory.Profiling.Schema;

/// <summary>One column as the fingerprint sees it: name, canonical type (see <see cref="TypeNormalizer"/>) and nullability.</summary>
/// <param name="Name">Column name, case-sensitive.</param>
/// <param name="Type">Canonical type, e.g. <c>DECIMAL(12,2)</c>.</param>
/// <param name="Nullable">Whether nulls are allowed.</param>
public readonly record struct FingerprintColumn(string Name, string Type, bool Nullable);

/// <summary>
/// The canonical schema fingerprint of HLD §5.2 S3 / LLD §4.4: <c>sha256:</c> followed by 64 lower-case hex digits.
/// <para>
/// The hashed text is built as follows. Each column gives one line <c>{name}:{type}:{nullable}</c>, where
/// <c>nullable</c> is <c>true</c> or <c>false</c>, and in <c>name</c> and <c>type</c> every <c>\</c>, <c>:</c> and
/// <c>|</c> is preceded by a <c>\</c> (so no name can imitate another line). The lines are sorted by ordinal
/// (UTF-16 code unit) comparison and joined with <c>|</c> as in the LLD, with no trailing separator; the UTF-8
/// bytes of that string are hashed with SHA-256. Example: columns <c>id BIGINT NOT NULL</c> and
/// <c>amount DECIMAL(12,2)</c> give <c>amount:DECIMAL(12,2):true|id:LONG:false</c>.
/// </para>
/// Column order therefore does not change the fingerprint; a renamed column, a changed type (including a
/// DECIMAL precision or timestamp unit) or a changed nullability does.
/// </summary>
public static class SchemaFingerprint
{
    /// <summary>The prefix of every fingerprint.</summary>
    public const string Prefix = "sha256:";

    /// <summary>Computes the fingerprint of columns whose types are already canonical.</summary>
    /// <exception cref="ArgumentException">Two columns have the same name.</exception>
    public static string Compute(IEnumerable<FingerprintColumn> columns) => Prefix + Hex(CanonicalText(columns));

    /// <summary>The exact text that <see cref="Compute"/> hashes.</summary>
    public static string CanonicalText(IEnumerable<FingerprintColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var lines = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (!names.Add(column.Name))
            {
                throw new ArgumentException($"Column '{column.Name}' appears twice in the schema.", nameof(columns));
            }

            lines.Add($"{Escape(column.Name)}:{Escape(column.Type)}:{(column.Nullable ? "true" : "false")}");
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('|', lines);
    }

    private static string Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Escape(string part) =>
        part.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(":", "\\:", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal);
}

/// <summary>Builds the <c>schema</c> section from columns whose types are already canonical.</summary>
public static class SchemaSection
{
    /// <summary>Column count, fingerprint (see <see cref="SchemaFingerprint"/>) and the columns in table order.</summary>
    public static Baselines.SchemaBaseline From(IReadOnlyList<Baselines.SchemaColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new Baselines.SchemaBaseline
        {
            ColumnCount = columns.Count,
            CanonicalFingerprint = SchemaFingerprint.Compute(columns.Select(c => new FingerprintColumn(c.Name, c.Type, c.Nullable))),
            Columns = columns,
        };
    }
}
