using System.Globalization;
using SignalFactory.Core.Manifests;
using SignalFactory.Policy.Certification.Inspection;

namespace SignalFactory.Policy.Certification;

/// <summary>
/// Builds the next record from the stored one and what the table holds. Timestamps of things that did not change
/// (the pointer's certification time, the first deferral) are carried over, so a repeated outcome builds a record
/// equal to the stored one and nothing is written.
/// </summary>
internal static class CertificationRecords
{
    /// <summary>Staleness SLA hours by tier (LLD §7.2 <c>_staleness_by_tier</c>); 24 for anything else.</summary>
    public static int StalenessSlaHours(string? tier) => tier switch
    {
        Tiers.Tier1 => 6,
        Tiers.Tier2 => 24,
        Tiers.Tier3 => 48,
        _ => 24,
    };

    public static string ViewName(DatasetUrn urn) => "gold_certified." + urn.Name;

    public static CertifiedViewState Certified(
        Base b, CertifiedViewState? existing, CertifiedPointer pointer, string observedFingerprint, DateTimeOffset now)
    {
        var samePointer = existing?.CertifiedPointer == pointer && existing.LastCertifiedAt is not null;
        var certifiedAt = samePointer ? existing!.LastCertifiedAt!.Value : now;
        return b.Record(existing) with
        {
            CurrentCertifiedVersion = existing?.CurrentCertifiedVersion is not { } current ? "v0" : samePointer ? current : Next(current),
            CertifiedPointer = pointer,
            LastCertifiedAt = certifiedAt,
            CertificationStatus = CertificationStatus.Certified,
            NextCheckDue = certifiedAt.AddHours(b.SlaHours),
            ObservedSchemaFingerprint = observedFingerprint,
        };
    }

    public static CertifiedViewState Deferred(Base b, CertifiedViewState? existing, TableInspection inspection, DateTimeOffset now) =>
        b.Record(existing) with
        {
            CertificationStatus = CertificationStatus.Deferred,
            StatusReason = inspection.Message,
            DeferredAt = existing?.CertificationStatus == CertificationStatus.Deferred ? existing.DeferredAt ?? now : now,
            DeferredReason = inspection.DeferredReason,
            DeferredProbe = inspection.Probe,
            ObservedSchemaFingerprint = existing?.ObservedSchemaFingerprint,
        };

    public static CertifiedViewState SchemaChanged(Base b, CertifiedViewState? existing, string observedFingerprint, string reason) =>
        b.Record(existing) with
        {
            CertificationStatus = CertificationStatus.SchemaChanged,
            StatusReason = reason,
            ObservedSchemaFingerprint = observedFingerprint,
        };

    /// <summary>True when <paramref name="candidate"/> says nothing the stored record does not already say.</summary>
    public static bool SameAs(CertifiedViewState candidate, CertifiedViewState? existing) =>
        existing is not null
        && candidate with { RecordVersion = existing.RecordVersion, UpdatedAt = existing.UpdatedAt, GraphSeeded = existing.GraphSeeded } == existing;

    private static string Next(string certifiedVersion) =>
        certifiedVersion.StartsWith('v') && int.TryParse(certifiedVersion.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? string.Create(CultureInfo.InvariantCulture, $"v{n + 1}")
            : "v0";

    /// <summary>The fields every record of one certification shares.</summary>
    internal sealed record Base(
        DatasetUrn Urn,
        DatasetManifest Manifest,
        CertificationContext Context,
        GoldTable Table,
        DateTimeOffset Now)
    {
        public int SlaHours => StalenessSlaHours(Manifest.Tier);

        // Defaults for a record of any status: the certified pointer (if any) is carried over, deferral fields cleared.
        public CertifiedViewState Record(CertifiedViewState? existing) => new()
        {
            DatasetUrn = Urn.ToString(),
            CertifiedViewName = ViewName(Urn),
            CurrentCertifiedVersion = existing?.CurrentCertifiedVersion,
            CertifiedPointer = existing?.CertifiedPointer,
            LastCertifiedAt = existing?.LastCertifiedAt,
            CertificationStatus = CertificationStatus.Certified,
            StalenessSlaHours = SlaHours,
            NextCheckDue = existing?.LastCertifiedAt is { } at ? at.AddHours(SlaHours) : null,
            BootstrapId = Context.BootstrapId,
            Tier = Manifest.Tier ?? "",
            StorageFormat = Table.Format,
            EnforcementModel = Manifest.EnforcementModel,
            PolicyBundleVersion = Context.PolicyBundleVersion,
            PolicyBundleLocation = Context.PolicyBundleLocation,
            TriggerPath = Table.LocalPath,
            ExpectedSchemaFingerprint = Context.ExpectedSchemaFingerprint,
            RecordVersion = (existing?.RecordVersion ?? 0) + 1,
            UpdatedAt = Now,
        };
    }
}
