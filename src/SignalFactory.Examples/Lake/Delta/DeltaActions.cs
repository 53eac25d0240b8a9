using System.Text;

namespace SignalFactory.Examples.Lake.Delta;

/// <summary>A data file as the log records it (an <c>add</c>, or the file a later <c>remove</c> names).</summary>
/// <param name="Path">Path relative to the table root, URI-encoded as the protocol requires.</param>
/// <param name="PartitionValue">The <c>dt</c> value.</param>
/// <param name="Size">File size in bytes (read from disk).</param>
/// <param name="ModificationTime">Unix ms; also set as the file's last-write time.</param>
/// <param name="Stats">The stats JSON string.</param>
/// <param name="NumRecords">Rows in the file.</param>
internal sealed record DeltaDataFile(string Path, string PartitionValue, long Size, long ModificationTime, string Stats, long NumRecords);

/// <summary>A <c>remove</c> tombstone.</summary>
internal sealed record DeltaRemovedFile(DeltaDataFile File, long DeletionTimestamp);

/// <summary>The provenance of one commit.</summary>
internal sealed record DeltaCommitInfo(
    long Timestamp,
    string Operation,
    IReadOnlyList<KeyValuePair<string, string>> OperationParameters,
    long? ReadVersion,
    bool IsBlindAppend,
    IReadOnlyList<KeyValuePair<string, string>> OperationMetrics,
    Guid TxnId);

/// <summary>The table metadata written in version 0 (and repeated in checkpoints).</summary>
internal sealed record DeltaMetadata(
    Guid Id,
    string SchemaString,
    string PartitionColumn,
    IReadOnlyList<KeyValuePair<string, string>> Configuration,
    long CreatedTime);

/// <summary>Encodes a relative file path as an RFC 2396 URI path, as <c>add.path</c> and <c>remove.path</c> require.</summary>
internal static class DeltaPath
{
    public static string Encode(string relativePath)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(relativePath.Replace('\\', '/')))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '/' or '=')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
