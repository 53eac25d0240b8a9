using System.Globalization;
using System.Text;

namespace SignalFactory.Policy.Bundles;

/// <summary>One problem in a bundle's text or content: the field path, a message and, when known, the 1-based position.</summary>
/// <param name="Path">Dotted field path such as <c>security.signature.key_id</c> or <c>schema.constraints[2].type</c>; empty for the whole document.</param>
/// <param name="Message">What is wrong. Never holds data values.</param>
/// <param name="Line">1-based line, when the problem has a place in the text.</param>
/// <param name="Column">1-based column, when known.</param>
public sealed record PolicyBundleIssue(string Path, string Message, int? Line = null, int? Column = null)
{
    /// <summary>Compiler-style text: <c>3:7: security.validation_enabled: expected true or false</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Line is { } line)
        {
            text.Append(line.ToString(CultureInfo.InvariantCulture));
            if (Column is { } column)
            {
                text.Append(':').Append(column.ToString(CultureInfo.InvariantCulture));
            }

            text.Append(": ");
        }

        if (Path.Length > 0)
        {
            text.Append(Path).Append(": ");
        }

        return text.Append(Message).ToString();
    }
}

/// <summary>
/// A bundle's text is not a well-formed <c>policy_bundle.yaml</c> v2.0 (YAML syntax, unknown or missing keys, wrong
/// types) or its content breaks a rule (see <see cref="PolicyBundleValidator"/>). <see cref="Issues"/> lists each problem.
/// </summary>
public sealed class PolicyBundleFormatException : Exception
{
    public PolicyBundleFormatException()
        : this([])
    {
    }

    public PolicyBundleFormatException(string message)
        : this([new PolicyBundleIssue("", message)])
    {
    }

    public PolicyBundleFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Issues = [new PolicyBundleIssue("", message)];
    }

    /// <summary>An exception listing the issues, prefixed with the source name when given.</summary>
    public PolicyBundleFormatException(IReadOnlyList<PolicyBundleIssue> issues, string? sourceName = null)
        : base(Describe(issues, sourceName))
    {
        Issues = issues;
        SourceName = sourceName;
    }

    /// <summary>The problems, in document order.</summary>
    public IReadOnlyList<PolicyBundleIssue> Issues { get; }

    /// <summary>File name or other label of the text, when known.</summary>
    public string? SourceName { get; }

    private static string Describe(IReadOnlyList<PolicyBundleIssue> issues, string? sourceName)
    {
        var name = string.IsNullOrEmpty(sourceName) ? "" : sourceName;
        if (issues.Count == 0)
        {
            return name.Length == 0 ? "invalid policy bundle" : name + ": invalid policy bundle";
        }

        return string.Join('\n', issues.Select(issue =>
            name.Length == 0 ? issue.ToString() : name + (issue.Line is null ? ": " : ":") + issue));
    }
}
