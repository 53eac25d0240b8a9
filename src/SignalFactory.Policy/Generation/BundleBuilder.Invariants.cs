using System.Globalization;
using SignalFactory.Policy.Bundles;

namespace SignalFactory.Policy.Generation;

internal sealed partial class BundleBuilder
{
    /// <summary>
    /// The invariants that go into the bundle, after feedback and backtest. A rule the profiled data breaks is
    /// dropped (never rewritten: an org rule or a NOT NULL that the data already breaks needs a person's look, and
    /// a quietly widened version would hide that); generated ranges hold by construction.
    /// </summary>
    private List<ContractInvariant> BuildInvariants(HashSet<string> optional)
    {
        var section = _settings.HasContract ? "contract" : "contract_lite";
        var candidates = new InvariantCandidates(_facts, _settings, _request.AcceptedValues, _clock);
        var built = candidates.Build(InvariantCandidates.Eligible(_facts, _settings, _request.Manifest.Storage?.PartitionKey));
        _notes.AddRange(candidates.Notes);

        var drop = new HashSet<string>(_feedback.Feedback.DropRules, StringComparer.Ordinal);
        var dropped = new HashSet<string>(StringComparer.Ordinal);
        var widened = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<ContractInvariant>();
        foreach (var original in built)
        {
            var candidate = original;
            if (drop.Contains(candidate.Id))
            {
                dropped.Add(candidate.Id);
                _feedback.Applied($"drop_rules: {candidate.Id} dropped");
                Verdict(candidate.Id, section, candidate.Origin, RuleVerdicts.Dropped, "dropped on reviewer feedback", null, candidate.Expression);
                continue;
            }

            if (candidate.Kind == InvariantKind.NotNull && optional.Contains(candidate.Column!))
            {
                Verdict(candidate.Id, section, candidate.Origin, RuleVerdicts.Dropped, "column made optional on reviewer feedback", null, candidate.Expression);
                continue;
            }

            var note = "";
            if (candidate.Kind == InvariantKind.Range && _feedback.Feedback.WidenRanges.TryGetValue(candidate.Column!, out var pct) && pct > 0)
            {
                candidate = Widen(candidates, candidate, pct);
                widened.Add(candidate.Column!);
                note = $"; widened by {Pct(pct)}% on reviewer feedback";
                _feedback.Applied($"widen_ranges: {candidate.Column} range widened by {Pct(pct)}% to {candidate.Expression}");
            }

            if (candidate.Kind == InvariantKind.Template && candidate.Predicate is { } parsed
                && parsed.Columns.Any(c => c.Resolve(_facts.ByName) is null))
            {
                Verdict(candidate.Id, section, candidate.Origin, RuleVerdicts.NotApplicable,
                    "names a column this dataset does not have", null, candidate.Expression);
                continue;
            }

            var check = candidate.Predicate is { } predicate
                ? _evaluator.Evaluate(predicate)
                : Evaluation.Unknown("the expression is outside what statistics can judge (e.g. OR, functions, arithmetic)");
            switch (check.Judgement)
            {
                case Judgement.Holds:
                    Keep(kept, candidate);
                    Verdict(candidate.Id, section, candidate.Origin, RuleVerdicts.Passed, check.Reason + note, candidate.Expression,
                        ReferenceEquals(candidate, original) ? null : original.Expression);
                    break;
                case Judgement.Violated:
                    Verdict(candidate.Id, section, candidate.Origin, RuleVerdicts.Dropped,
                        $"the profiled data breaks it: {check.Reason}", null, candidate.Expression);
                    break;
                case Judgement.Unknown when candidate.Kind == InvariantKind.AcceptedValues:
                    Keep(kept, candidate);
                    Verdict(candidate.Id, section, candidate.Origin, RuleVerdicts.Passed, candidate.Evidence!, candidate.Expression);
                    break;
                case Judgement.Unknown when _settings.HasContract:
                    var warning = candidate with { Severity = InvariantSeverities.Warning };
                    Keep(kept, warning);
                    Verdict(candidate.Id, section, candidate.Origin, RuleVerdicts.Unverified,
                        $"{check.Reason}; kept with severity warning", candidate.Expression);
                    break;
                default:
                    Verdict(candidate.Id, section, candidate.Origin, RuleVerdicts.Dropped,
                        $"{check.Reason}; contract_lite rules cannot be kept as warnings", null, candidate.Expression);
                    break;
            }
        }

        foreach (var id in _feedback.Feedback.DropRules.Where(id => !dropped.Contains(id)))
        {
            _feedback.Missed($"drop_rules: no rule with id {id}");
        }

        foreach (var column in _feedback.Feedback.WidenRanges.Keys.Where(c => !widened.Contains(c)))
        {
            _feedback.Missed($"widen_ranges: {column} has no generated range rule");
        }

        return kept;
    }

    private static InvariantCandidate Widen(InvariantCandidates candidates, InvariantCandidate candidate, double pct)
    {
        try
        {
            return candidates.WithRange(candidate, pct);
        }
        catch (OverflowException)
        {
            return candidate;
        }
    }

    private static void Keep(List<ContractInvariant> kept, InvariantCandidate candidate) =>
        kept.Add(new ContractInvariant(candidate.Id, candidate.Description, candidate.Expression, candidate.Severity));

    private static string Pct(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
