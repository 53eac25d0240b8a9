using System.Globalization;
using SignalFactory.Policy.Bundles;
using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Policy.Generation;

/// <summary>
/// One generation: builds the rules the tier's enrichment level calls for, applies the reviewer's feedback,
/// backtests every rule against the baseline's statistics (dropping or loosening what the profiled data breaks),
/// and assembles the bundle and its report.
/// </summary>
internal sealed partial class BundleBuilder
{
    private readonly PolicyGenerationRequest _request;
    private readonly BaselineFacts _facts;
    private readonly GenerationSettings _settings;
    private readonly StatisticsEvaluator _evaluator;
    private readonly FeedbackTracker _feedback;
    private readonly TimeProvider _clock;
    private readonly List<RuleVerdict> _verdicts = [];
    private readonly List<string> _notes = [];
    private readonly string _templateSource;

    public BundleBuilder(PolicyGenerationRequest request, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        if (request.Attempt < 1)
        {
            throw new PolicyGenerationException($"generation attempt must be 1 or more; got {request.Attempt}");
        }

        if (request.Manifest.Urn is { } urn && !string.Equals(urn, request.Baseline.DatasetUrn, StringComparison.Ordinal))
        {
            throw new PolicyGenerationException($"the baseline is for {request.Baseline.DatasetUrn}, not {urn}");
        }

        if (!PolicyBundleValidator.IsValidActor(request.GeneratedBy))
        {
            throw new PolicyGenerationException("generated_by must be autopilot, human:<username> or system:<component>");
        }

        _request = request;
        _clock = clock;
        _templateSource = request.Template is null ? "defaults" : request.TemplateSource ?? "org template";
        _settings = GenerationSettings.Resolve(request.Manifest.Tier, request.Template, _templateSource);
        _facts = BaselineFacts.From(request.Baseline);
        _evaluator = new StatisticsEvaluator(_facts);
        _feedback = new FeedbackTracker(request.Feedback);
        if (request.Template is null)
        {
            _notes.Add($"no org template for {_settings.Tier}; the generator's defaults were used");
        }
    }

    public GenerationSettings Settings => _settings;

    public PolicyGenerationResult Build()
    {
        var baseline = _request.Baseline;
        var urn = baseline.DatasetUrn;
        var optional = OptionalColumns();
        var schema = BuildSchema(optional);
        var required = BuildRequiredFields(optional);
        var invariants = BuildInvariants(optional);
        var contractLiteInvariants = _settings.HasContract ? ValueList<string>.Empty : ValueList.From(invariants.Select(i => i.Expression));

        var now = Seconds(_clock.GetUtcNow());
        var status = _facts.HasColumnStatistics || _facts.Partitions.Count > 0 ? BacktestStatuses.Passed : BacktestStatuses.NotRun;
        var reportPath = _request.BacktestReportPath ?? ArtifactKeys.PolicyBacktestReport(urn);
        var volume = _settings.HasVolume ? BuildVolume() : null;

        var bundle = new PolicyBundle
        {
            DatasetUrn = urn,
            BootstrapId = baseline.BootstrapId,
            GeneratedBy = _request.GeneratedBy,
            EnrichmentLevel = _settings.EnrichmentLevel,
            Security = new SecuritySection { MinimumEnforcement = _settings.MinimumEnforcement, ValidationEnabled = true },
            Schema = schema,
            ContractLite = new ContractLiteSection { RequiredFields = required, Invariants = contractLiteInvariants },
            Volume = volume,
            Contract = _settings.HasContract ? new ContractSection { RequiredFields = required, Invariants = ValueList.From(invariants) } : null,
            Pii = _settings.HasContract ? BuildPii() : null,
            Freshness = BuildFreshness(),
            Performance = _settings.Performance,
            Bootstrap = new BootstrapSection
            {
                BaselineSource = baseline.BootstrapId,
                BaselineConfidence = baseline.ProfilingMetadata.Confidence,
                GeneratedAt = now,
                GenerationAttempt = _request.Attempt,
                AutoRefineUntil = baseline.ProfilingMetadata.IsSynthetic
                    ? now.AddDays(baseline.ProfilingMetadata.AutoRefineAfterRuns ?? 7)
                    : null,
                ProgressiveSchedule = ValueMap.From(_settings.Schedule.Select(kv =>
                    KeyValuePair.Create(kv.Key, ValueList.From(kv.Value)))),
                Backtest = new BacktestSummary(status, reportPath),
            },
        };

        var issues = PolicyBundleValidator.Validate(bundle);
        if (issues.Count > 0)
        {
            throw new PolicyGenerationException(
                $"the generated bundle for {urn} breaks bundle rules ({string.Join("; ", issues)}); check the template {_templateSource}");
        }

        var report = new BacktestReport
        {
            DatasetUrn = urn,
            BaselineSource = baseline.BootstrapId,
            GenerationAttempt = _request.Attempt,
            Status = status,
            Template = _templateSource,
            Evidence = new BacktestEvidence(
                baseline.ProfilingMetadata.PartitionsSampled,
                baseline.ProfilingMetadata.TotalRowsSampled,
                baseline.ProfilingMetadata.SampleRate,
                baseline.ProfilingMetadata.IsSynthetic,
                baseline.ProfilingMetadata.Confidence),
            Rules = _verdicts,
            Feedback = _feedback.Report(),
        };
        _notes.AddRange(_feedback.NotApplied.Select(n => "feedback not applied: " + n));
        return new PolicyGenerationResult(bundle, report, _notes);
    }

    private HashSet<string> OptionalColumns()
    {
        var optional = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in _feedback.Feedback.OptionalColumns)
        {
            if (_facts.ByName.ContainsKey(name))
            {
                optional.Add(name);
                _feedback.Applied($"optional_columns: {name} is optional (nullable, not required, no NOT NULL rule)");
            }
            else
            {
                _feedback.Missed($"optional_columns: {name} is not a column of the profiled schema");
            }
        }

        return optional;
    }

    private SchemaSection BuildSchema(HashSet<string> optional)
    {
        var constraints = new List<FieldConstraint>(_facts.Columns.Count);
        foreach (var column in _facts.Columns)
        {
            var nullable = column.Nullable;
            if (!nullable)
            {
                var rule = "nullable:" + column.Name;
                var declared = $"nullable: false for {column.Name}";
                if (optional.Contains(column.Name))
                {
                    nullable = true;
                    Verdict(rule, "schema", RuleOrigins.Generated, RuleVerdicts.Loosened,
                        "made optional on reviewer feedback", $"nullable: true for {column.Name}", declared);
                }
                else
                {
                    var check = _evaluator.Evaluate(new NotNullPredicate(ColumnRef.Exact(column.Name)));
                    if (check.Judgement == Judgement.Violated)
                    {
                        nullable = true;
                        Verdict(rule, "schema", RuleOrigins.Generated, RuleVerdicts.Loosened,
                            $"declared NOT NULL in the table schema, but {check.Reason}", $"nullable: true for {column.Name}", declared);
                    }
                    else
                    {
                        Verdict(rule, "schema", RuleOrigins.Generated, Passed(check), check.Reason, declared);
                    }
                }
            }

            constraints.Add(new FieldConstraint(column.Name, column.Type, nullable));
        }

        return new SchemaSection
        {
            Mode = _settings.SchemaMode,
            Registry = "auto",
            BaselineFingerprint = _request.Baseline.Schema.CanonicalFingerprint,
            Constraints = ValueList.From(constraints),
        };
    }

    /// <summary>Required = null rate below the threshold (HLD §6.3); without a known rate, declared NOT NULL.</summary>
    private ValueList<string> BuildRequiredFields(HashSet<string> optional)
    {
        var required = new List<string>();
        var threshold = _settings.RequiredNullRate.ToString("0.####", CultureInfo.InvariantCulture);
        foreach (var column in _facts.Columns)
        {
            var byRate = column.NullRate is { } rate && rate < _settings.RequiredNullRate;
            if (!byRate && !(column.NullRate is null && !column.Nullable))
            {
                continue;
            }

            var rule = "required:" + column.Name;
            var why = byRate ? $"null rate below {threshold}" : "declared NOT NULL";
            if (optional.Contains(column.Name))
            {
                Verdict(rule, "contract_lite", RuleOrigins.Generated, RuleVerdicts.Dropped, $"{why}, but made optional on reviewer feedback", null, column.Name);
                continue;
            }

            var check = _evaluator.Evaluate(new NotNullPredicate(ColumnRef.Exact(column.Name)));
            if (check.Judgement == Judgement.Violated)
            {
                Verdict(rule, "contract_lite", RuleOrigins.Generated, RuleVerdicts.Dropped,
                    $"{why}, but {check.Reason}; a required field must never be null", null, column.Name);
                continue;
            }

            required.Add(column.Name);
            Verdict(rule, "contract_lite", RuleOrigins.Generated, Passed(check), $"{why}; {check.Reason}", column.Name);
        }

        return ValueList.From(required);
    }

    private static string Passed(Evaluation check) =>
        check.Judgement == Judgement.Holds ? RuleVerdicts.Passed : RuleVerdicts.Unverified;

    private void Verdict(string rule, string section, string origin, string verdict, string reason, string? expression = null, string? original = null) =>
        _verdicts.Add(new RuleVerdict(rule, section, origin, verdict, reason, expression, original));

    private static DateTimeOffset Seconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
