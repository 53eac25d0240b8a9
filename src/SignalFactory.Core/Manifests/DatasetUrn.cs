using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace SignalFactory.Core.Manifests;

/// <summary>
/// A dataset's canonical name, <c>ds://{zone}/{name}</c> (LLD §3.2): zone is <c>[a-z_]+</c>, name is <c>[a-z0-9_]+</c>.
/// Only valid URNs can be constructed.
/// </summary>
public sealed partial record DatasetUrn
{
    /// <summary>The scheme prefix, <c>ds://</c>.</summary>
    public const string Scheme = "ds://";

    /// <summary>The URN pattern of LLD §3.2.</summary>
    public const string Pattern = "^ds://[a-z_]+/[a-z0-9_]+$";

    private DatasetUrn(string zone, string name)
    {
        Zone = zone;
        Name = name;
    }

    /// <summary>The zone, e.g. <c>curated</c>.</summary>
    public string Zone { get; }

    /// <summary>The dataset name, e.g. <c>orders_enriched</c>.</summary>
    public string Name { get; }

    /// <summary>Parses <c>ds://zone/name</c>; false when the text does not match <see cref="Pattern"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out DatasetUrn? urn)
    {
        urn = null;
        if (text is null || !UrnRegex().IsMatch(text))
        {
            return false;
        }

        var rest = text[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        urn = new DatasetUrn(rest[..slash], rest[(slash + 1)..]);
        return true;
    }

    /// <summary>Parses <c>ds://zone/name</c>.</summary>
    /// <exception cref="FormatException">The text is not a valid dataset URN.</exception>
    public static DatasetUrn Parse(string text) =>
        TryParse(text, out var urn)
            ? urn
            : throw new FormatException($"invalid dataset URN '{text}'; expected ds://{{zone}}/{{dataset_name}} matching {Pattern}");

    /// <summary>Builds a URN from its parts.</summary>
    /// <exception cref="FormatException">A part has characters outside the URN alphabet.</exception>
    public static DatasetUrn Create(string zone, string name) => Parse(Scheme + zone + "/" + name);

    /// <summary>The URN text, <c>ds://zone/name</c>.</summary>
    public override string ToString() => Scheme + Zone + "/" + Name;

    // \z rather than $: "$" would also accept a trailing newline.
    [GeneratedRegex(@"^ds://[a-z_]+/[a-z0-9_]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex UrnRegex();
}
