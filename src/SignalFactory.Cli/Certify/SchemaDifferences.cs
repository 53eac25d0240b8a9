using SignalFactory.Policy.Certification;
using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Cli.Certify;

/// <summary>One way the table's schema differs from the baseline's: column names and canonical types only.</summary>
internal sealed record SchemaDifference(string Column, string Change, string? Baseline, string? Table)
{
    public override string ToString() => Change switch
    {
        "added" => $"+ {Column} {Table}",
        "removed" => $"- {Column} {Baseline}",
        _ => $"~ {Column}: {Baseline} -> {Table}",
    };
}

/// <summary>Lists what changed between the baseline's columns and the columns the certifier observed.</summary>
internal static class SchemaDifferences
{
    public static IReadOnlyList<SchemaDifference> Between(IReadOnlyList<SchemaColumn>? baseline, CertificationResult result)
    {
        if (result.Status != CertificationStatus.SchemaChanged || baseline is null || baseline.Count == 0)
        {
            return [];
        }

        var before = baseline.ToDictionary(c => c.Name, c => Describe(c.Type, c.Nullable), StringComparer.Ordinal);
        var after = result.ObservedColumns.ToDictionary(c => c.Name, c => Describe(c.Type, c.Nullable), StringComparer.Ordinal);
        var differences = new List<SchemaDifference>();
        foreach (var name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var had = before.TryGetValue(name, out var old);
            var has = after.TryGetValue(name, out var now);
            if (had && !has)
            {
                differences.Add(new SchemaDifference(name, "removed", old, null));
            }
            else if (!had && has)
            {
                differences.Add(new SchemaDifference(name, "added", null, now));
            }
            else if (!string.Equals(old, now, StringComparison.Ordinal))
            {
                differences.Add(new SchemaDifference(name, "changed", old, now));
            }
        }

        return differences;
    }

    private static string Describe(string type, bool nullable) => nullable ? type : type + " NOT NULL";
}
