using System.Text;
using System.Text.RegularExpressions;
using SignalFactory.DuckDb;

namespace SignalFactory.Profiling.Engine;

/// <summary>
/// Turns DuckDB errors into reasons that can go into a baseline's metadata: DuckDB's first line, with the file's own
/// path shortened to its name and anything else in quotes blanked (a conversion error can quote a data value).
/// </summary>
internal static partial class ScanErrors
{
    private const int MaxLength = 240;

    public static string Reason(Exception exception) => Reason(exception, null);

    public static string Reason(Exception exception, string? path)
    {
        var message = exception.Message;
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        var line = newline < 0 ? message : message[..newline];
        if (!string.IsNullOrEmpty(path))
        {
            line = line.Replace(path, Path.GetFileName(path), StringComparison.Ordinal);
        }

        line = Quoted().Replace(line, m => IsFileName(m.Value, path) ? m.Value : m.Value[0] + "…" + m.Value[0]);
        var builder = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        var text = builder.ToString().Trim();
        return text.Length <= MaxLength ? text : text[..MaxLength] + "…";
    }

    /// <summary>True for errors that say nothing about one file: the caller must not retry them file by file.</summary>
    public static bool IsRunWide(DuckDbException exception) =>
        exception.ErrorType is DuckDbErrorType.OutOfMemory or DuckDbErrorType.Interrupt;

    /// <summary>
    /// True when DuckDB refused the data because it lacks a feature the file uses (an unsupported compression codec or
    /// encoding), as opposed to data it found broken: such a file is valid, only not decodable here.
    /// </summary>
    public static bool IsUnsupportedFeature(DuckDbException exception)
    {
        var line = FirstLine(exception.Message);
        return exception.ErrorType == DuckDbErrorType.NotImplemented
            || line.Contains("Unsupported compression codec", StringComparison.OrdinalIgnoreCase)
            || line.Contains("encoding is only supported for", StringComparison.OrdinalIgnoreCase)
            || line.Contains("Unsupported encoding", StringComparison.OrdinalIgnoreCase)
            || line.Contains("not supported", StringComparison.OrdinalIgnoreCase)
            || line.Contains("not implemented", StringComparison.OrdinalIgnoreCase);
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline];
    }

    private static bool IsFileName(string quoted, string? path) =>
        !string.IsNullOrEmpty(path) && string.Equals(quoted[1..^1], Path.GetFileName(path), StringComparison.Ordinal);

    [GeneratedRegex("'[^']*'|\"[^\"]*\"")]
    private static partial Regex Quoted();
}
