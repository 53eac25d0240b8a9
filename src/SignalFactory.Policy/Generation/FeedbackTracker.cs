namespace SignalFactory.Policy.Generation;

/// <summary>Records what each feedback item did, so the report can say which were applied and which matched nothing.</summary>
internal sealed class FeedbackTracker(PolicyFeedback? feedback)
{
    private readonly List<string> _applied = [];
    private readonly List<string> _notApplied = [];

    public PolicyFeedback Feedback { get; } = feedback ?? new PolicyFeedback();

    public IReadOnlyList<string> NotApplied => _notApplied;

    public void Applied(string message) => _applied.Add(message);

    public void Missed(string message) => _notApplied.Add(message);

    public FeedbackReport? Report() => feedback is null
        ? null
        : new FeedbackReport(feedback.Reason, feedback.FreeText, _applied, _notApplied, feedback);
}
