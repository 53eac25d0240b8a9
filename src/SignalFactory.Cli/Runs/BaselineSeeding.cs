using SignalFactory.Cli.Hosting;
using SignalFactory.Profiling.Baselines;
using SignalFactory.Profiling.Refinement;
using SignalFactory.Profiling.Synthetic;
using SignalFactory.Registry;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Cli.Runs;

/// <summary>How a missing stored baseline was seeded before the first run.</summary>
/// <param name="Source"><c>baseline.json</c> (the profiled artifact) or <c>synthetic</c> (tier defaults).</param>
/// <param name="Tier">The dataset's tier.</param>
/// <param name="ArtifactKey">The artifact read, for <c>baseline.json</c>.</param>
internal sealed record SeededBaseline(string Source, string Tier, string? ArtifactKey);

/// <summary>
/// Makes sure the Baseline Store has a baseline for a registered dataset: the store's rows if any, else the
/// dataset's <c>baseline.json</c> artifact (written by profiling), else a synthetic baseline for its tier
/// (reason <c>BASELINE_MISSING</c>). Seeding never overwrites a baseline another process stored first.
/// </summary>
internal static class BaselineSeeding
{
    private const string CliBootstrapId = "sf-runs-record";

    public static async Task<SeededBaseline?> EnsureAsync(
        IBaselineStore store, IArtifactStore artifacts, RegisteredDataset dataset, TimeProvider clock, CancellationToken ct)
    {
        if (await store.GetAsync(dataset.Urn, ct).ConfigureAwait(false) is not null)
        {
            return null;
        }

        var key = ArtifactKeys.Baseline(dataset.Urn);
        var bytes = await artifacts.ReadAsync(key, ct).ConfigureAwait(false);
        Baseline baseline;
        SeededBaseline seeded;
        if (bytes is not null)
        {
            try
            {
                baseline = BaselineJson.Deserialize(bytes, key);
            }
            catch (BaselineFormatException ex)
            {
                throw new InvalidInputException($"{ex.Message} (fix or delete it, or profile the dataset again)");
            }

            if (!string.Equals(baseline.DatasetUrn, dataset.Urn, StringComparison.Ordinal))
            {
                throw new InvalidInputException($"{key}: dataset_urn is '{baseline.DatasetUrn}', expected '{dataset.Urn}'");
            }

            seeded = new SeededBaseline("baseline.json", dataset.Tier, key);
        }
        else
        {
            baseline = new SyntheticBaselineGenerator(clock).Generate(
                dataset.Urn, dataset.Tier, dataset.BootstrapId ?? CliBootstrapId, SyntheticReasons.BaselineMissing);
            seeded = new SeededBaseline("synthetic", dataset.Tier, null);
        }

        return await store.TryAddFromBaselineAsync(baseline, ct).ConfigureAwait(false) ? seeded : null;
    }
}
