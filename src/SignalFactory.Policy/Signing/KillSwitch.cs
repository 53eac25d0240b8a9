using SignalFactory.Policy.Bundles;

namespace SignalFactory.Policy.Signing;

/// <summary>The outcome of a kill-switch change.</summary>
/// <param name="Bundle">The bundle now in force: re-signed when <paramref name="Changed"/>, else the input unchanged.</param>
/// <param name="Changed">False when the switch was already in the requested position (nothing to write).</param>
public sealed record KillSwitchResult(SignedPolicyBundle Bundle, bool Changed);

/// <summary>
/// The kill switch of HLD §10.2: turning validation off for a dataset is a re-signed change of its bundle
/// (<c>security.validation_enabled: false</c> plus a <c>security.kill_switch</c> record of who, when and why), so the
/// bundle stays verifiable and the change is attributable. Releasing it is the same kind of change.
/// </summary>
public static class KillSwitch
{
    /// <summary>Longest accepted reason, in characters.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>
    /// Engages the kill switch: validation off, record of the reason, actor and time, new signature.
    /// Engaging an engaged switch changes nothing (<see cref="KillSwitchResult.Changed"/> is false).
    /// </summary>
    /// <param name="current">The verified bundle in force.</param>
    /// <param name="reason">Why validation is turned off (free text, required).</param>
    /// <param name="actor"><c>human:&lt;username&gt;</c>, <c>autopilot</c> or <c>system:&lt;component&gt;</c>.</param>
    /// <param name="timeProvider">Clock for the record and the signature.</param>
    /// <param name="signer">Signs the new bundle (may use a newer key than the one that signed <paramref name="current"/>).</param>
    /// <exception cref="ArgumentException">The reason is empty or too long, or the actor is malformed.</exception>
    public static KillSwitchResult Engage(
        SignedPolicyBundle current, string reason, string actor, TimeProvider timeProvider, PolicyBundleSigner signer) =>
        Set(current, engaged: true, reason, actor, timeProvider, signer);

    /// <summary>Releases the kill switch: validation back on, with its own record and a new signature.</summary>
    /// <exception cref="ArgumentException">The reason is empty or too long, or the actor is malformed.</exception>
    public static KillSwitchResult Release(
        SignedPolicyBundle current, string reason, string actor, TimeProvider timeProvider, PolicyBundleSigner signer) =>
        Set(current, engaged: false, reason, actor, timeProvider, signer);

    private static KillSwitchResult Set(
        SignedPolicyBundle current, bool engaged, string reason, string actor, TimeProvider timeProvider, PolicyBundleSigner signer)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(signer);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("a reason is required", nameof(reason));
        }

        if (reason.Length > MaxReasonLength)
        {
            throw new ArgumentException($"the reason is longer than {MaxReasonLength} characters", nameof(reason));
        }

        if (actor is null || !PolicyBundleValidator.IsValidActor(actor))
        {
            throw new ArgumentException("the actor must be autopilot, human:<username> or system:<component>", nameof(actor));
        }

        var security = current.Bundle.Security;
        if (security.ValidationEnabled != engaged)
        {
            return new KillSwitchResult(current, Changed: false);
        }

        var now = timeProvider.GetUtcNow();
        var at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var changed = current.Bundle with
        {
            Security = security with
            {
                ValidationEnabled = !engaged,
                KillSwitch = new KillSwitchRecord(engaged, reason.Trim(), actor, at),
            },
        };
        return new KillSwitchResult(signer.Sign(changed, timeProvider), Changed: true);
    }
}
