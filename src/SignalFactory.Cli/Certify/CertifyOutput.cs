using System.Globalization;
using SignalFactory.Cli.Hosting;
using SignalFactory.Policy.Certification;
using SignalFactory.Policy.Certification.Graph;
using Spectre.Console;

namespace SignalFactory.Cli.Certify;

/// <summary>How <c>sf certify</c> prints its results, for people and as <c>--json</c>.</summary>
internal static class CertifyOutput
{
    public static void Print(CliConsole console, CertificationResult result, IReadOnlyList<SchemaDifference> differences, GraphQueryResult? graph, string? tier)
    {
        var o = console.Output;
        var reason = result.DeferredReason is { } r ? $" ({r})" : "";
        o.WriteLine($"{result.DatasetUrn}: {result.Status}{reason}");
        o.WriteLine($"  {result.Message}");
        if (result.Pointer is { } pointer)
        {
            o.WriteLine($"  pointer      {Describe(pointer)}");
        }

        if (result.Record is { } record)
        {
            if (record.CurrentCertifiedVersion is { } version)
            {
                o.WriteLine($"  view         {record.CertifiedViewName} {version}, certified {Time(record.LastCertifiedAt)}");
            }

            var due = record.NextCheckDue is { } next ? $"; next check due {Time(next)}" : "";
            o.WriteLine($"  staleness    SLA {record.StalenessSlaHours} h ({tier}){due}");
        }

        if (result.SchemaCheck != SchemaCheckOutcome.NotRun)
        {
            o.WriteLine($"  schema       {Schema(result)}");
        }

        foreach (var difference in differences)
        {
            o.WriteLine($"               {difference}");
        }

        if (graph is not null && graph.Nodes.Count > 0)
        {
            var edges = graph.Edges.Select(e => e.FromId == result.DatasetUrn ? $"{e.Label} -> {e.ToId}" : $"{e.Label} <- {e.FromId}");
            o.WriteLine($"  graph        {(result.GraphSeeded ? "seeded" : "NOT seeded")}: {string.Join(", ", edges)}");
        }

        foreach (var warning in result.Warnings)
        {
            console.WriteWarning(warning);
        }

        if (NextStep(result) is { } step)
        {
            o.WriteLine($"  next         {step}");
        }
    }

    public static void Print(CliConsole console, DeferredCheckReport report)
    {
        if (report.Entries.Count == 0)
        {
            console.Output.WriteLine("No deferred certification to check.");
            return;
        }

        var table = new Table().AddColumns("URN", "OUTCOME", "EXAMINED", "DETAIL");
        foreach (var entry in report.Entries)
        {
            table.AddRow(
                Markup.Escape(entry.DatasetUrn),
                Outcome(entry.Outcome),
                entry.Examined ? "yes" : "no",
                Markup.Escape(entry.Result?.Pointer is { } p ? Describe(p) : entry.Message));
        }

        console.Ansi.Write(table);
        console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Entries.Count} dataset(s): {report.Completed} completed, {report.StillDeferred} still deferred"));
    }

    public static object ToJson(CertificationResult result, IReadOnlyList<SchemaDifference> differences, GraphQueryResult? graph, string? tier) => new
    {
        urn = result.DatasetUrn,
        status = result.Status,
        message = result.Message,
        deferred_reason = result.DeferredReason,
        tier,
        pointer = result.Pointer,
        record = result.Record,
        record_changed = result.RecordChanged,
        schema_check = result.SchemaCheck,
        expected_schema_fingerprint = result.ExpectedSchemaFingerprint,
        observed_schema_fingerprint = result.ObservedSchemaFingerprint,
        schema_differences = differences.Select(d => new { column = d.Column, change = d.Change, baseline = d.Baseline, table = d.Table }),
        graph_seeded = result.GraphSeeded,
        graph = graph is null ? null : new
        {
            nodes = graph.Nodes.Concat(graph.Neighbors).Select(n => new { id = n.Id, label = n.Label, properties = n.Properties }),
            edges = graph.Edges.Select(e => new { from = e.FromId, to = e.ToId, label = e.Label, since = e.CreatedAt }),
        },
        warnings = result.Warnings,
        next_step = NextStep(result),
    };

    public static object ToJson(DeferredCheckEntry entry) => new
    {
        urn = entry.DatasetUrn,
        outcome = entry.Outcome,
        examined = entry.Examined,
        message = entry.Message,
        status = entry.Result?.Status,
        pointer = entry.Result?.Pointer,
    };

    private static string? NextStep(CertificationResult result) => result.Status switch
    {
        CertificationStatus.SchemaChanged =>
            $"the table's schema changed since profiling: re-run 'sf profile {result.DatasetUrn}', then 'sf certify {result.DatasetUrn}'",
        CertificationStatus.Deferred =>
            $"run 'sf certify {result.DatasetUrn}' again after the first write, or 'sf certify --check-deferred' for all deferred datasets",
        CertificationStatus.Failed => "fix the problem above and run the command again; nothing was changed",
        _ => null,
    };

    private static string Schema(CertificationResult result) => result.SchemaCheck switch
    {
        SchemaCheckOutcome.Matched => $"matches the baseline ({result.ObservedSchemaFingerprint})",
        SchemaCheckOutcome.Changed => $"CHANGED: table {result.ObservedSchemaFingerprint}, baseline {result.ExpectedSchemaFingerprint}",
        SchemaCheckOutcome.SyntheticPending => $"not checked: the baseline is synthetic (table {result.ObservedSchemaFingerprint})",
        _ => $"not checked: no baseline yet (table {result.ObservedSchemaFingerprint})",
    };

    private static string Describe(CertifiedPointer p)
    {
        var rows = p.RowCount is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) + " rows" : "rows unknown";
        var files = string.Create(CultureInfo.InvariantCulture, $"{p.FileCount} file(s), {rows}");
        if (p.Version is { } version)
        {
            var at = p.CommitTimestamp is { } t ? $" (committed {Time(t)})" : "";
            return string.Create(CultureInfo.InvariantCulture, $"Delta version {version}{at} of {p.TablePath}; {files}");
        }

        return p.PartitionKey is { } key
            ? $"partition {key}={p.PartitionValue} of {p.TablePath}; {files}"
            : $"{p.TablePath} (unpartitioned); {files}";
    }

    private static string Outcome(DeferredCheckOutcome outcome) => outcome switch
    {
        DeferredCheckOutcome.Completed => "completed",
        DeferredCheckOutcome.StillDeferred => "still deferred",
        DeferredCheckOutcome.SchemaChanged => "schema changed",
        DeferredCheckOutcome.GraphReconciled => "graph reconciled",
        _ => "failed",
    };

    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
