using System.Globalization;
using SignalFactory.Cli.Hosting;
using SignalFactory.Orchestration.Runtime;
using SignalFactory.Orchestration.StateMachine;
using Spectre.Console;

namespace SignalFactory.Cli.Bootstrap;

/// <summary>
/// Progress of an in-process worker (<c>sf bootstrap --wait</c>, <c>sf worker</c>, decisions, <c>sf quickstart</c>):
/// one line per stored transition (bootstrap id, urn, from → to, trigger, time the step took) and, on a terminal, a
/// spinner line naming the step that is running and for how long. Piped output gets the plain lines only; JSON mode
/// creates no progress at all. It sees steps start by wrapping the step executor and ends by the worker's event.
/// </summary>
internal sealed class BootstrapProgress
{
    private readonly CliConsole _console;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _urns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _stepTime = new(StringComparer.Ordinal);
    private Running? _running;

    public BootstrapProgress(CliConsole console) => _console = console;

    /// <summary>Whether the live spinner is shown (a terminal).</summary>
    public bool Live => _console.IsInteractive;

    /// <summary>The executor, reporting when each step starts and ends.</summary>
    public IBootstrapStepExecutor Observe(IBootstrapStepExecutor inner) => new ObservingExecutor(this, inner);

    /// <summary>
    /// Learns the URN of every stored bootstrap, so a transition the executor never saw (a timer firing first) still
    /// names its dataset.
    /// </summary>
    public async Task RememberAsync(BootstrapOperations operations, CancellationToken ct)
    {
        var all = await operations.ListAsync(ct).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var stored in all)
            {
                _urns[stored.Record.BootstrapId] = stored.Record.DatasetUrn;
            }
        }
    }

    /// <summary>Prints each transition <paramref name="worker"/> stores.</summary>
    public void Attach(BootstrapWorker worker) => worker.StepCompleted += OnStepCompleted;

    /// <summary>Runs <paramref name="work"/> under the spinner on a terminal (refreshed every 200 ms), plainly otherwise.</summary>
    public async Task<T> RunAsync<T>(string idleText, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (!Live)
        {
            return await work(ct).ConfigureAwait(false);
        }

        return await _console.Ansi.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(idleText), async context =>
        {
            var task = work(ct);
            while (!task.IsCompleted)
            {
                context.Status(Markup.Escape(CurrentStatus() ?? idleText));
                await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(200), _console.Clock, ct)).ConfigureAwait(false);
            }

            return await task.ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>The spinner text: the running step, its bootstrap and how long it has run; null when no step runs.</summary>
    public string? CurrentStatus()
    {
        lock (_gate)
        {
            if (_running is not { } running)
            {
                return null;
            }

            var elapsed = _console.Clock.GetElapsedTime(running.StartedAt);
            return $"{running.BootstrapId}  {running.Urn}  {running.Description} ({Seconds(elapsed)})";
        }
    }

    /// <summary>The line printed for one stored transition.</summary>
    public static string Line(WorkerStep step, string? urn, TimeSpan? took)
    {
        var time = took is { } t ? ", " + Seconds(t) : "";
        return $"  {step.BootstrapId}  {urn ?? "?"}  {BootstrapOutput.Name(step.From)} → {BootstrapOutput.Name(step.To)}  ({step.Trigger}{time})";
    }

    /// <summary>What a command does, for the spinner; null for side effects that take no time (timers, notify…).</summary>
    public static string? Describe(BootstrapCommand command) => command switch
    {
        ValidateRegistration => "validating the registration",
        StartProfiling { Mode: ProfilingMode.Sampled, SamplingRate: { } rate } =>
            $"profiling (sampled, {rate.ToString("0.##%", CultureInfo.InvariantCulture)} of the rows)",
        StartProfiling p => $"profiling ({p.Mode.ToString().ToLowerInvariant()})",
        GeneratePolicy g => $"generating policy attempt {g.Attempt.ToString(CultureInfo.InvariantCulture)}",
        SignPolicy => "signing and publishing the policy",
        InitCertifiedView => "certifying the gold table",
        ProbeFirstWrite => "looking for the gold table's first write",
        _ => null,
    };

    private static string Seconds(TimeSpan elapsed) =>
        elapsed.TotalSeconds < 60
            ? elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
            : $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds.ToString("00", CultureInfo.InvariantCulture)} s";

    private void OnStepCompleted(WorkerStep step)
    {
        string? urn;
        TimeSpan? took;
        lock (_gate)
        {
            _urns.TryGetValue(step.BootstrapId, out urn);
            took = _stepTime.Remove(step.BootstrapId, out var t) ? t : null;
        }

        var line = Line(step, urn, took);
        if (Live)
        {
            // Through Spectre, so the line lands above the spinner instead of through it.
            _console.Ansi.WriteLine(line);
        }
        else
        {
            _console.Output.WriteLine(line);
        }
    }

    private void Started(BootstrapRecord record, BootstrapCommand command, long startedAt)
    {
        lock (_gate)
        {
            _urns[record.BootstrapId] = record.DatasetUrn;
            if (Describe(command) is { } description)
            {
                _running = new Running(record.BootstrapId, record.DatasetUrn, description, startedAt);
            }
        }

    }

    // Only a command that answers an event is "the step" of the next line; side effects and probes that saw nothing
    // would otherwise pile up into it.
    private void Finished(BootstrapRecord record, long startedAt, bool answered)
    {
        lock (_gate)
        {
            if (answered)
            {
                _stepTime[record.BootstrapId] = _console.Clock.GetElapsedTime(startedAt);
            }

            if (_running?.BootstrapId == record.BootstrapId)
            {
                _running = null;
            }
        }
    }

    private sealed record Running(string BootstrapId, string Urn, string Description, long StartedAt);

    private sealed class ObservingExecutor(BootstrapProgress progress, IBootstrapStepExecutor inner) : IBootstrapStepExecutor
    {
        public async Task<BootstrapEvent?> ExecuteAsync(BootstrapRecord record, BootstrapCommand command, CancellationToken cancellationToken)
        {
            var startedAt = progress._console.Clock.GetTimestamp();
            progress.Started(record, command, startedAt);
            BootstrapEvent? answer = null;
            try
            {
                answer = await inner.ExecuteAsync(record, command, cancellationToken).ConfigureAwait(false);
                return answer;
            }
            finally
            {
                progress.Finished(record, startedAt, answer is not null);
            }
        }
    }
}
