using System.Globalization;
using SignalFactory.Examples.Lake.Tables;

namespace SignalFactory.Examples.Lake.Delta;

/// <summary>
/// Writes <c>orders_enriched</c> as a Delta table. Version 0 creates the table (protocol, metaData); each day is
/// then one WRITE commit adding that day's file(s). After the fourth day (or the last, if fewer) a MERGE rewrites
/// the second partition: it removes the old file(s), which stay on disk as until a VACUUM, and adds replacements.
/// A checkpoint is written at every tenth version.
/// </summary>
internal sealed class DeltaTableWriter(LakeContext context, string tableDirectory)
{
    public const int CheckpointInterval = 10;
    private const double ArrivalHourUtc = 6.25;
    private const int RewriteAfterDays = 4;

    private readonly Dictionary<string, DeltaDataFile> _active = new(StringComparer.Ordinal);
    private readonly List<DeltaRemovedFile> _tombstones = [];
    private readonly DeltaLogWriter _log = new(tableDirectory);
    private readonly ExampleTableSchema _schema = ExampleLakeSchema.Orders;
    private DeltaMetadata? _metadata;
    private long _version = -1;

    /// <summary>Number of partition writes this table reports (one per day plus the rewrite).</summary>
    public static int Steps(int days) => days + 1;

    public async Task<ExampleLakeTableOutcome> WriteAsync()
    {
        var calendar = context.Calendar;
        var days = calendar.Dates.Count;
        var rewriteAfter = Math.Min(RewriteAfterDays, days) - 1;
        var rewriteDay = days >= 2 ? 1 : 0;

        CreateTable(calendar.ArrivalMs(0, ArrivalHourUtc, salt: 1) - (long)TimeSpan.FromHours(6).TotalMilliseconds);
        for (var day = 0; day < days; day++)
        {
            await AppendDayAsync(day, calendar.ArrivalMs(day, ArrivalHourUtc, salt: 1)).ConfigureAwait(false);
            if (day == rewriteAfter)
            {
                await RewriteDayAsync(rewriteDay, calendar.ArrivalMs(day, ArrivalHourUtc + 3, salt: 2)).ConfigureAwait(false);
            }
        }

        return new ExampleLakeTableOutcome(
            Enumerable.Range(0, days).Select(calendar.Partition).ToArray(),
            _active.Values.Sum(f => f.NumRecords),
            _active.Count);
    }

    private void CreateTable(long timestamp)
    {
        var partitionBy = "[\"" + ExampleLakeSchema.PartitionColumn + "\"]";
        _metadata = new DeltaMetadata(
            DeterministicIds.Uuid(context.Options.Seed, _schema.Name, "table"),
            DeltaSchemaString.Build(_schema, ExampleLakeSchema.PartitionColumn),
            ExampleLakeSchema.PartitionColumn,
            [new("delta.checkpointInterval", CheckpointInterval.ToString(CultureInfo.InvariantCulture))],
            timestamp);
        _log.CommitInfo(new DeltaCommitInfo(
                timestamp,
                "CREATE TABLE",
                [new("isManaged", "false"), new("partitionBy", partitionBy),
                 new("properties", "{\"delta.checkpointInterval\":\"10\"}")],
                ReadVersion: null,
                IsBlindAppend: true,
                OperationMetrics: [],
                NextTxnId()))
            .Protocol()
            .Metadata(_metadata);
        Commit();
    }

    private async Task AppendDayAsync(int day, long timestamp)
    {
        var partition = context.Calendar.Partition(day);
        var files = await WritePartitionFilesAsync(day, revision: 0, timestamp).ConfigureAwait(false);
        _log.CommitInfo(new DeltaCommitInfo(
            timestamp,
            "WRITE",
            [new("mode", "Append"), new("partitionBy", "[\"" + ExampleLakeSchema.PartitionColumn + "\"]")],
            _version,
            IsBlindAppend: true,
            Metrics(files, ExecutionTimeMs(files, day), []),
            NextTxnId()));
        foreach (var file in files)
        {
            _log.Add(file, ExampleLakeSchema.PartitionColumn);
            _active.Add(file.Path, file);
        }

        Commit();
        context.Step(_schema.Name, partition, files.Sum(f => f.NumRecords));
    }

    private async Task RewriteDayAsync(int day, long timestamp)
    {
        var partition = context.Calendar.Partition(day);
        var old = _active.Values.Where(f => f.PartitionValue == partition).OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
        var updated = CountPlaced(old);
        var files = await WritePartitionFilesAsync(day, revision: 1, timestamp).ConfigureAwait(false);
        var rows = files.Sum(f => f.NumRecords);
        _log.CommitInfo(new DeltaCommitInfo(
            timestamp,
            "MERGE",
            [new("predicate", "[\"(target.order_id = source.order_id)\"]"),
             new("matchedPredicates", "[{\"actionType\":\"update\"}]"),
             new("notMatchedPredicates", "[]"),
             new("notMatchedBySourcePredicates", "[]")],
            _version,
            IsBlindAppend: false,
            Metrics(files, ExecutionTimeMs(files, day + 1000),
            [
                new("numTargetFilesRemoved", Text(old.Length)),
                new("numTargetFilesAdded", Text(files.Count)),
                new("numTargetRowsUpdated", Text(updated)),
                new("numTargetRowsCopied", Text(rows - updated)),
                new("numTargetRowsInserted", "0"),
                new("numTargetRowsDeleted", "0"),
            ]),
            NextTxnId()));
        foreach (var file in old)
        {
            var removed = new DeltaRemovedFile(file, timestamp);
            _log.Remove(removed, ExampleLakeSchema.PartitionColumn);
            _active.Remove(file.Path);
            _tombstones.Add(removed);
        }

        foreach (var file in files)
        {
            _log.Add(file, ExampleLakeSchema.PartitionColumn);
            _active.Add(file.Path, file);
        }

        Commit();
        context.Step(_schema.Name, partition, rows);
    }

    private async Task<List<DeltaDataFile>> WritePartitionFilesAsync(int day, int revision, long commitTimestamp)
    {
        var partition = context.Calendar.Partition(day);
        var rows = context.Options.RowsPerPartition;
        var files = new List<DeltaDataFile>();
        foreach (var (index, start, end) in context.FileSlices(rows))
        {
            var uuid = DeterministicIds.Uuid(context.Options.Seed, _schema.Name, partition, Text(index), Text(revision));
            var relative = string.Create(CultureInfo.InvariantCulture,
                $"{ExampleLakeSchema.PartitionColumn}={partition}/part-{index:D5}-{uuid:D}.c000.zstd.parquet");
            var local = Path.Combine(tableDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
            await context.CopyToParquetAsync(OrdersSql.Select, local,
                    context.SeedParameter, (long)day, (long)rows, start, end, context.Calendar.DayStartSeconds(day), revision)
                .ConfigureAwait(false);

            var stats = DeltaFileStats.Read(context.Connection, local, _schema);
            var modified = commitTimestamp - 800 - (index * 50) - context.Calendar.Jitter(400, day, index, revision);
            LakeCalendar.SetModificationTime(local, modified);
            files.Add(new DeltaDataFile(
                DeltaPath.Encode(relative), partition, new FileInfo(local).Length, modified, stats.Json, stats.NumRecords));
        }

        return files;
    }

    private long CountPlaced(IEnumerable<DeltaDataFile> files)
    {
        long placed = 0;
        foreach (var file in files)
        {
            var path = Path.Combine(tableDirectory, Uri.UnescapeDataString(file.Path));
            using var result = context.Connection.Query(
                "SELECT count(*) FILTER (WHERE status = 'PLACED') FROM read_parquet($1)", path);
            placed += result.Read() ? result.GetInt64(0) : 0;
        }

        return placed;
    }

    private long ExecutionTimeMs(IReadOnlyCollection<DeltaDataFile> files, int salt) =>
        4_000 + (files.Sum(f => f.NumRecords) / 50) + context.Calendar.Jitter(3_000, salt, 7);

    private static List<KeyValuePair<string, string>> Metrics(
        IReadOnlyCollection<DeltaDataFile> files, long executionTimeMs, IEnumerable<KeyValuePair<string, string>> extra) =>
    [
        new("numFiles", Text(files.Count)),
        new("numOutputRows", Text(files.Sum(f => f.NumRecords))),
        new("numOutputBytes", Text(files.Sum(f => f.Size))),
        new("executionTimeMs", Text(executionTimeMs)),
        .. extra,
    ];

    private Guid NextTxnId() => DeterministicIds.Uuid(context.Options.Seed, _schema.Name, "txn", Text(_version + 1));

    private void Commit()
    {
        _version++;
        _log.Commit(_version);
        if (_version > 0 && _version % CheckpointInterval == 0)
        {
            DeltaCheckpointWriter.Write(context.Connection, _log.LogDirectory, _version, _metadata!, _active.Values, _tombstones);
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
