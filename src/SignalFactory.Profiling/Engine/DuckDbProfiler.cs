using System.Globalization;
using SignalFactory.DuckDb;

namespace SignalFactory.Profiling.Engine;

/// <summary>
/// Profiles exactly the Parquet files of a <see cref="ProfileScanRequest"/> with DuckDB, reading every row once in
/// full mode. What it computes and how:
/// <list type="bullet">
/// <item>Footers first (batched <c>parquet_file_metadata</c>/<c>parquet_metadata</c>/<c>parquet_schema</c>): row
/// counts per file and row group (so per-partition row counts are exact without reading data, in both modes),
/// top-level repetition (nullability). A file whose footer DuckDB cannot read is read by our own parser
/// (<c>ParquetFooterParser</c>) and profiled from that footer only; when that fails too it is skipped with a reason.</item>
/// <item>Main pass, one aggregate query over all rows (or the sampled row groups): count, min/max, string lengths.</item>
/// <item>Sketch pass over about <see cref="ProfileScanRequest.SketchSampleRows"/> rows in whole row groups:
/// approximate distinct counts (extrapolated, see <c>DistinctEstimator</c>) and histogram counts (edges from the main
/// pass). Distinct sketches are several times dearer than reading the data, which is why they are sampled.</item>
/// <item>Distinct values of string columns from the head of the sampled row groups, for the PII detector.</item>
/// </list>
/// A step that fails on some files is re-run file by file and those files are skipped with a warning; an error that
/// is not about a file is a <see cref="ProfilingException"/>. When DuckDB runs out of memory in full mode, the whole
/// profile is retried sampled (<see cref="ProfileScanRequest.OutOfMemorySampleRate"/>); out of memory again is a
/// <see cref="ProfilingOutOfMemoryException"/>. Cancelling interrupts the running DuckDB query.
/// Column names only enter SQL quoted; file paths, row numbers and histogram edges are parameters.
/// </summary>
public sealed class DuckDbProfiler
{
    private readonly TimeProvider _timeProvider;

    public DuckDbProfiler(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Called before each data step with the step's name and mode (tests inject failures here).</summary>
    internal Func<string, ScanMode, Task>? BeforeStep { get; init; }

    /// <summary>Profiles the request's files.</summary>
    /// <exception cref="ArgumentException">The request is invalid (names the field).</exception>
    /// <exception cref="ProfilingOutOfMemoryException">
    /// DuckDB ran out of memory in sampled mode as well (at once when <see cref="ProfileScanRequest.RetrySampledOnOutOfMemory"/> is false).
    /// </exception>
    /// <exception cref="ProfilingException">No file was readable, or DuckDB failed for a reason not tied to a file.</exception>
    /// <exception cref="OperationCanceledException">The token fired.</exception>
    public async Task<ProfileScanResult> ProfileAsync(ProfileScanRequest request, CancellationToken ct = default)
    {
        ProfileScanRequestValidator.Validate(request);
        var started = _timeProvider.GetTimestamp();
        ProfileScanResult result;
        try
        {
            result = await ProfileInModeAsync(request, request.Mode, ct).ConfigureAwait(false);
        }
        catch (DuckDbException ex) when (ex.IsOutOfMemory)
        {
            if (request.Mode.Kind == ScanModeKind.Sampled || !request.RetrySampledOnOutOfMemory)
            {
                throw OutOfMemory(request, request.Mode);
            }

            var retry = ScanMode.Sampled(request.OutOfMemorySampleRate);
            try
            {
                result = await ProfileInModeAsync(request, retry, ct).ConfigureAwait(false);
            }
            catch (DuckDbException again) when (again.IsOutOfMemory)
            {
                throw OutOfMemory(request, retry);
            }

            result = result with
            {
                FallbackReason = ProfileScanResult.FallbackOutOfMemory,
                Warnings = [string.Create(CultureInfo.InvariantCulture,
                    $"the full scan ran out of memory (memory_limit {request.MemoryLimit}); profiled a {retry.SampleRate:P0} sample instead"),
                    .. result.Warnings],
            };
        }

        return result with { Elapsed = _timeProvider.GetElapsedTime(started) };
    }

    private async Task<ProfileScanResult> ProfileInModeAsync(ProfileScanRequest request, ScanMode mode, CancellationToken ct)
    {
        var options = new DuckDbOptions
        {
            Threads = request.Threads ?? Environment.ProcessorCount,
            MemoryLimit = request.MemoryLimit,
            Settings = new Dictionary<string, string>
            {
                // Aggregates need no order; keeping it costs memory. No spill files: an aggregate that does not fit
                // the limit fails fast and falls back, instead of writing next to the process.
                ["preserve_insertion_order"] = "false",
                ["temp_directory"] = "",
            },
        };

        using var database = OpenDatabase(options);
        using var connection = database.Connect();
        await ExecuteAsync(connection, "SET TimeZone = 'UTC'", ct).ConfigureAwait(false);

        var started = _timeProvider.GetTimestamp();
        var inventory = await FileInventory.ReadAsync(connection, request.Files, ct).ConfigureAwait(false);
        var footers = new ProfileStepTiming("footers", _timeProvider.GetElapsedTime(started));
        started = _timeProvider.GetTimestamp();
        inventory = PageStructureCheck.Apply(inventory, ct);
        var pages = new ProfileStepTiming("page headers", _timeProvider.GetElapsedTime(started));
        var skipped = new List<SkippedScanFile>(inventory.Skipped);
        var files = inventory.Files.Where(f => f.OwnFooter is null).ToList();
        // Files whose footer only our own parser reads are undecodable from the start: DuckDB never sees them.
        var undecoded = inventory.Files.Where(f => f.OwnFooter is not null)
            .Select(f => (File: f, Reason: $"DuckDB cannot read the footer ({f.OwnFooterReason}); profiled from our own footer parser's reading "
                + $"({UndecodedFiles.DescribeEncoding(f.OwnFooter!)})"))
            .ToList();
        var run = new ScanRun(connection, request, mode, _timeProvider, BeforeStep);
        while (true)
        {
            if (files.Count == 0 && undecoded.Count == 0)
            {
                if (request.Files.Count == 0)
                {
                    return Empty(mode);
                }

                var first = skipped.Take(3).Select(f => $"{Path.GetFileName(f.Path)}: {f.Reason}");
                throw new ProfilingException(
                    $"None of the {request.Files.Count} files could be read ({string.Join("; ", first)}{(skipped.Count > 3 ? "; …" : "")}).")
                {
                    SkippedFiles = skipped,
                };
            }

            try
            {
                var result = await run.ExecuteAsync(files, [.. undecoded.Select(u => u.File)], ct).ConfigureAwait(false);
                return result with
                {
                    SkippedFiles = skipped,
                    UndecodedFiles = [.. undecoded.Select(u => new UndecodedScanFile(u.File.Path, u.Reason, u.File.RowCount))],
                    Steps = [footers, pages, .. result.Steps],
                };
            }
            catch (FileFailuresException ex)
            {
                foreach (var failure in ex.Failures)
                {
                    if (ex.Undecodable.Contains(failure.Path) && files.Find(f => f.Path == failure.Path) is { } file)
                    {
                        var encoding = await UndecodedFiles.DescribeEncodingAsync(connection, file.Path, ct).ConfigureAwait(false);
                        undecoded.Add((file, encoding.Length == 0 ? failure.Reason : $"{failure.Reason} ({encoding})"));
                    }
                    else
                    {
                        skipped.Add(failure);
                    }
                }

                // An undecoded file failing again (its schema) is skipped like any other.
                var failed = ex.Failures.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
                undecoded.RemoveAll(u => failed.Contains(u.File.Path) && !files.Exists(f => f.Path == u.File.Path));
                files.RemoveAll(f => failed.Contains(f.Path));
            }
            catch (ProfilingException ex)
            {
                throw new ProfilingException(ex.Message) { SkippedFiles = skipped };
            }
        }
    }

    private static DuckDbDatabase OpenDatabase(DuckDbOptions options)
    {
        try
        {
            return DuckDbDatabase.Open(null, options);
        }
        catch (DuckDbException ex) when (ex.ErrorType == DuckDbErrorType.InvalidConfiguration)
        {
            throw new ArgumentException(
                $"DuckDB refused the settings (memory limit '{options.MemoryLimit}', {options.Threads} threads): {ex.Message}", ex);
        }
    }

    private static async Task ExecuteAsync(DuckDbConnection connection, string sql, CancellationToken ct)
    {
        using var result = await connection.QueryAsync(sql, [], ct).ConfigureAwait(false);
    }

    private static ProfileScanResult Empty(ScanMode mode) => new()
    {
        Columns = [],
        Partitions = [],
        SkippedFiles = [],
        Warnings = [],
        TotalRows = 0,
        RowsScanned = 0,
        SketchRows = 0,
        Mode = mode,
    };

    private static ProfilingOutOfMemoryException OutOfMemory(ProfileScanRequest request, ScanMode mode) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"DuckDB ran out of memory (memory_limit {request.MemoryLimit}) while profiling {request.Files.Count} files in {mode} mode."));
}
