using SignalFactory.DuckDb;

namespace SignalFactory.Profiling.Engine;

/// <summary>
/// Some (not all) files of a data step failed on their own: the run restarts without them. Files in
/// <see cref="Undecodable"/> failed because DuckDB lacks a feature they use (a codec, an encoding), not because they
/// are broken: their footers still count (see <see cref="UndecodedFiles"/>).
/// </summary>
internal sealed class FileFailuresException(IReadOnlyList<SkippedScanFile> failures, IReadOnlySet<string>? undecodable = null)
    : Exception("Some files could not be read.")
{
    public IReadOnlyList<SkippedScanFile> Failures { get; } = failures;

    /// <summary>Paths among <see cref="Failures"/> whose data DuckDB cannot decode (unsupported, not corrupt).</summary>
    public IReadOnlySet<string> Undecodable { get; } = undecodable ?? new HashSet<string>(StringComparer.Ordinal);
}

/// <summary>
/// Runs a step that reads data, and when DuckDB fails for a reason that may belong to one file (anything but
/// out-of-memory and interruption), runs the same step on each file alone. Files that fail alone are reported in a
/// <see cref="FileFailuresException"/>; when none or all fail alone, the failure is not about a file and surfaces as a
/// <see cref="ProfilingException"/>.
/// </summary>
internal static class FileFailures
{
    public static async Task<T> IsolateAsync<T>(
        ScanSource source, string step, Func<ScanSource, Task<T>> run, CancellationToken ct)
    {
        try
        {
            return await run(source).ConfigureAwait(false);
        }
        catch (DuckDbException ex) when (!ScanErrors.IsRunWide(ex))
        {
            if (source.Files.Count <= 1)
            {
                if (source.Files.Count == 1)
                {
                    throw new FileFailuresException([Skip(source.Files[0], step, ex)], Undecodable(source.Files[0], ex));
                }

                throw Fail(step, ex);
            }

            var failures = new List<SkippedScanFile>();
            var undecodable = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in source.Files)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    await run(source.Only(file)).ConfigureAwait(false);
                }
                catch (DuckDbException single) when (!ScanErrors.IsRunWide(single))
                {
                    failures.Add(Skip(file, step, single));
                    undecodable.UnionWith(Undecodable(file, single));
                }
            }

            // Every file failing alone usually means the query itself is wrong, unless each one names a feature
            // DuckDB lacks: then they are all undecodable, which the caller handles file by file.
            if (failures.Count == 0 || (failures.Count == source.Files.Count && undecodable.Count < failures.Count))
            {
                throw Fail(step, ex);
            }

            throw new FileFailuresException(failures, undecodable);
        }
    }

    private static HashSet<string> Undecodable(InventoryFile file, DuckDbException ex) =>
        ScanErrors.IsUnsupportedFeature(ex) ? new HashSet<string>([file.Path], StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal);

    private static SkippedScanFile Skip(InventoryFile file, string step, DuckDbException ex) =>
        new(file.Path, $"{step} failed: {ScanErrors.Reason(ex, file.Path)}");

    // The DuckDB exception is not attached: its full text may quote a value; the sanitized reason says enough.
    private static ProfilingException Fail(string step, DuckDbException ex) =>
        new($"Profiling failed while {step} ({ex.ErrorType}): {ScanErrors.Reason(ex)}");
}
