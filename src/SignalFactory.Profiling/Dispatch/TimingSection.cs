using SignalFactory.Core.Manifests;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Timing;

namespace SignalFactory.Profiling.Dispatch;

/// <summary>
/// The <c>timing</c> section (HLD §5.2 S5, S6) of the sampled partitions. Delta: job durations are the
/// <c>executionTimeMs</c> of the commits that added the partitions' current files (commits without it are left
/// out), and a partition arrived at the latest commit time among its files. Parquet: no durations; a partition
/// arrived at its newest file's modification time. Arrival offsets are measured only for partitions whose single
/// grouping value is a date, against <c>slo.freshness.expected_update_by</c> when it is understood (see
/// <see cref="ArrivalSchedule"/>), else midnight UTC after the partition's day.
/// </summary>
internal static class TimingSection
{
    public static (TimingBaseline Timing, BaselineWarning? Warning) Build(
        IReadOnlyList<InventoryPartition> selected, TableInventory inventory, DatasetManifest manifest)
    {
        var arrivals = new List<PartitionArrival>();
        foreach (var partition in selected)
        {
            if (partition.Key.Count == 1 && PartitionDates.TryParse(partition.Key[0], out var date)
                && partition.Files.Select(f => f.ArrivedAt).Max() is { } arrived)
            {
                arrivals.Add(new PartitionArrival(date, arrived));
            }
        }

        var durations = selected
            .SelectMany(p => p.Files)
            .Select(f => f.CommitVersion)
            .OfType<long>()
            .Distinct()
            .Order()
            .Select(v => inventory.Commits.TryGetValue(v, out var c) ? c.ExecutionTimeMs : null)
            .OfType<long>()
            .Where(ms => ms >= 0)
            .ToList();

        BaselineWarning? warning = null;
        var text = manifest.Slo?.Freshness?.ExpectedUpdateBy;
        var expected = ArrivalSchedule.TryParse(text);
        if (expected is null && !string.IsNullOrWhiteSpace(text) && arrivals.Count > 0)
        {
            warning = new BaselineWarning
            {
                Code = BaselineWarningCodes.ScheduleNotUnderstood,
                Message = "slo.freshness.expected_update_by is not of the form 'HH:MM [zone]'; arrival offsets are "
                    + "measured against midnight UTC after each partition's date.",
            };
        }

        var source = durations.Count == 0 && arrivals.Count == 0 ? TimingSources.None : inventory.TimingSource;
        return (TimingStatistics.From(durations, arrivals, source, expected), warning);
    }
}
