using System.Globalization;
using System.Text;

namespace SignalFactory.Core.Yaml;

/// <summary>Scalar quoting shared by every canonical YAML writer of the project.</summary>
public static class YamlScalars
{
    /// <summary>
    /// A double-quoted YAML scalar: quote, backslash and the common control characters escaped, anything outside
    /// YAML's printable set (or read as a line break or BOM by some readers) as <c>\uXXXX</c>. Both canonical
    /// writers (manifests and policy bundles) quote through this one function, so their bytes agree.
    /// </summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append(@"\\");
                    break;
                case '\n':
                    text.Append(@"\n");
                    break;
                case '\r':
                    text.Append(@"\r");
                    break;
                case '\t':
                    text.Append(@"\t");
                    break;
                default:
                    if (NeedsEscape(c))
                    {
                        text.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    // Outside YAML's printable set, or a character some readers treat as a line break or BOM.
    private static bool NeedsEscape(char c) =>
        c < ' ' || (c >= '\u007F' && c <= '\u00A0') || c is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF';
}
