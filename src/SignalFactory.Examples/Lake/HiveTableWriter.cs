using System.Globalization;

namespace SignalFactory.Examples.Lake;

/// <summary>What a table writer produced.</summary>
internal sealed record ExampleLakeTableOutcome(IReadOnlyList<string> Partitions, long TotalRows, int FileCount);

/// <summary>
/// Writes a Hive-partitioned Parquet table: <c>table/dt=YYYY-MM-DD/part-NNNNN.parquet</c>, one folder per day,
/// each file's last-write time set to when that day's batch "arrived".
/// </summary>
internal sealed class HiveTableWriter(LakeContext context, string tableDirectory, ExampleTableSchema schema, string select)
{
    public async Task<ExampleLakeTableOutcome> WriteAsync(long rowsPerPartition, double arrivalHourUtc, int salt)
    {
        var calendar = context.Calendar;
        long total = 0;
        var fileCount = 0;
        for (var day = 0; day < calendar.Dates.Count; day++)
        {
            var partition = calendar.Partition(day);
            var arrival = calendar.ArrivalMs(day, arrivalHourUtc, salt);
            foreach (var (index, start, end) in context.FileSlices(rowsPerPartition))
            {
                var file = Path.Combine(
                    tableDirectory,
                    $"{ExampleLakeSchema.PartitionColumn}={partition}",
                    string.Create(CultureInfo.InvariantCulture, $"part-{index:D5}.parquet"));
                await context.CopyToParquetAsync(select, file,
                    context.SeedParameter, (long)day, rowsPerPartition, start, end, calendar.DayStartSeconds(day))
                    .ConfigureAwait(false);
                LakeCalendar.SetModificationTime(file, arrival + (index * 1000));
                fileCount++;
            }

            total += rowsPerPartition;
            context.Step(schema.Name, partition, rowsPerPartition);
        }

        return new ExampleLakeTableOutcome(
            Enumerable.Range(0, calendar.Dates.Count).Select(calendar.Partition).ToArray(), total, fileCount);
    }
}
