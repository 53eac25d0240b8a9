using System.Text;

namespace SignalFactory.Policy.Bundles;

/// <summary>
/// The canonical text of <c>policy_bundle.yaml</c>, and the strict parser back.
/// <para>
/// <b>Canonical form</b> (what <see cref="ToCanonicalBytes"/> returns and what a signed bundle file must be, byte for
/// byte): UTF-8 without BOM, LF line ends, a fixed header comment, then the keys in the fixed HLD §6.5 order (top level:
/// <c>version, dataset_urn, bootstrap_id, generated_by, enrichment_level, security, schema, contract_lite, volume,
/// contract, pii, freshness, performance, bootstrap</c>; inside each section the order of the properties of its
/// record), each top-level section preceded by one blank line and a fixed <c># --- … ---</c> comment; two-space
/// indentation; absent optional values omitted (never <c>null</c>); free text and timestamps double-quoted with
/// escapes (<c>\" \\ \n \r \t \uXXXX</c>); enumerated words plain unless YAML could misread them; integers and floats
/// in invariant culture (shortest round-trip form, <c>1.0E-07</c> style exponents, <c>-0</c> written <c>0</c>);
/// timestamps UTC as <c>yyyy-MM-ddTHH:mm:ss[.fffffff]Z</c> with trailing zero digits dropped; lists in block form,
/// <c>[]</c> when empty; map keys (<c>progressive_schedule</c>) in <see cref="NaturalKeyComparer"/> order.
/// </para>
/// <para>
/// <b>Signing payload</b> (<see cref="ToSigningPayload"/>): the canonical form of the bundle with only the
/// <c>security.signature.value</c> line left out. <c>algorithm</c>, <c>key_id</c> and <c>signed_at</c> stay in, so they
/// are covered by the signature; an unsigned bundle's payload is its canonical form.
/// </para>
/// </summary>
public static partial class PolicyBundleYaml
{
    /// <summary>The file name of a bundle in a dataset's artifact folder.</summary>
    public const string FileName = "policy_bundle.yaml";

    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The canonical text of a bundle, signature included when present.</summary>
    /// <exception cref="ArgumentException">A string holds an unpaired UTF-16 surrogate (it has no UTF-8 form).</exception>
    public static string ToCanonicalYaml(PolicyBundle bundle) => Write(bundle, includeSignatureValue: true);

    /// <summary>The canonical text as UTF-8 bytes (no BOM).</summary>
    /// <exception cref="ArgumentException">A string holds an unpaired UTF-16 surrogate.</exception>
    public static byte[] ToCanonicalBytes(PolicyBundle bundle) => Encode(ToCanonicalYaml(bundle));

    /// <summary>The bytes the signature is computed over: the canonical bytes without the <c>security.signature.value</c> line.</summary>
    /// <exception cref="ArgumentException">A string holds an unpaired UTF-16 surrogate.</exception>
    public static byte[] ToSigningPayload(PolicyBundle bundle) => Encode(Write(bundle, includeSignatureValue: false));

    private static byte[] Encode(string text)
    {
        try
        {
            return _strictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException("the bundle holds text with an unpaired UTF-16 surrogate, which has no UTF-8 form", ex);
        }
    }

    private static string Write(PolicyBundle bundle, bool includeSignatureValue)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var w = new CanonicalBundleWriter();
        w.Comment("policy_bundle.yaml v2.0 (HLD §6.5), signed by Signal Factory (ADR-008).");
        w.Comment("Any edit, even to a comment or a space, invalidates the signature. Check: sf policy verify FILE");
        w.Text("version", bundle.Version);
        w.Text("dataset_urn", bundle.DatasetUrn);
        w.Text("bootstrap_id", bundle.BootstrapId);
        w.Text("generated_by", bundle.GeneratedBy);
        w.Symbol("enrichment_level", bundle.EnrichmentLevel);

        TopLevel(w, "Security (ADR-008)", "security", bundle.Security, (w, s) => WriteSecurity(w, s, includeSignatureValue));
        TopLevel(w, "Schema", "schema", bundle.Schema, static (w, s) =>
        {
            w.Symbol("mode", s.Mode);
            w.Symbol("registry", s.Registry);
            w.Text("baseline_fingerprint", s.BaselineFingerprint);
            w.MappingList("constraints", s.Constraints, static (w, c) =>
            {
                w.Text("field", c.Field);
                w.Symbol("type", c.Type);
                w.Boolean("nullable", c.Nullable);
            });
        });
        TopLevel(w, "Contract-Lite", "contract_lite", bundle.ContractLite, static (w, c) =>
        {
            w.ScalarList("required_fields", c.RequiredFields, CanonicalBundleWriter.Quote);
            w.ScalarList("invariants", c.Invariants, CanonicalBundleWriter.Quote);
        });
        TopLevel(w, "Volume", "volume", bundle.Volume, static (w, v) =>
        {
            w.Integer("min_rows_per_partition", v.MinRowsPerPartition);
            w.Number("anomaly_threshold_pct", v.AnomalyThresholdPct);
            w.Number("baseline_avg", v.BaselineAvg);
            w.Number("baseline_stddev", v.BaselineStddev);
            w.Number("anomaly_lower_bound", v.AnomalyLowerBound);
            w.Number("anomaly_upper_bound", v.AnomalyUpperBound);
        });
        TopLevel(w, "Contract", "contract", bundle.Contract, static (w, c) =>
        {
            w.ScalarList("required_fields", c.RequiredFields, CanonicalBundleWriter.Quote);
            w.MappingList("invariants", c.Invariants, static (w, i) =>
            {
                w.Text("id", i.Id);
                w.Text("description", i.Description);
                w.Text("expression", i.Expression);
                w.Symbol("severity", i.Severity);
            });
        });
        TopLevel(w, "PII", "pii", bundle.Pii, static (w, p) =>
        {
            w.MappingList("detection", p.Detection, static (w, r) =>
            {
                w.Symbol("pattern", r.Pattern);
                w.Symbol("action", r.Action);
            });
            w.ScalarList("scan_columns", p.ScanColumns, CanonicalBundleWriter.Quote);
        });
        TopLevel(w, "Freshness", "freshness", bundle.Freshness, static (w, f) =>
        {
            w.Text("expected_update_by", f.ExpectedUpdateBy);
            w.Text("grace_period", f.GracePeriod);
            w.Text("partition_key", f.PartitionKey);
            w.Integer("max_staleness_hours", f.MaxStalenessHours);
        });
        TopLevel(w, "Performance Budget", "performance", bundle.Performance, static (w, p) =>
        {
            w.Integer("gate_timeout_ms", p.GateTimeoutMs);
            w.Number("total_validation_budget_pct", p.TotalValidationBudgetPct);
            w.Integer("pii_scan_timeout_ms", p.PiiScanTimeoutMs);
            w.Number("sampling_rate", p.SamplingRate);
        });
        TopLevel(w, "Bootstrap Metadata", "bootstrap", bundle.Bootstrap, static (w, b) =>
        {
            w.Text("baseline_source", b.BaselineSource);
            w.Symbol("baseline_confidence", b.BaselineConfidence);
            w.Timestamp("generated_at", b.GeneratedAt);
            w.Integer("generation_attempt", b.GenerationAttempt);
            w.Timestamp("auto_refine_until", b.AutoRefineUntil);
            w.Section("progressive_schedule", b.ProgressiveSchedule, static (w, schedule) =>
            {
                foreach (var (week, gates) in schedule)
                {
                    w.ScalarList(week, gates, CanonicalBundleWriter.SymbolText);
                }
            });
            w.Section("backtest", b.Backtest, static (w, t) =>
            {
                w.Symbol("status", t.Status);
                w.Text("report", t.Report);
            });
        });
        return w.ToString();
    }

    private static void WriteSecurity(CanonicalBundleWriter w, SecuritySection security, bool includeSignatureValue)
    {
        w.Section("signature", security.Signature, (w, s) =>
        {
            w.Symbol("algorithm", s.Algorithm);
            w.Text("key_id", s.KeyId);
            w.Timestamp("signed_at", s.SignedAt);
            if (includeSignatureValue)
            {
                w.Text("value", s.Value);
            }
        });
        w.Section("minimum_enforcement", security.MinimumEnforcement, static (w, m) =>
        {
            w.Symbol("pii_detection", m.PiiDetection);
            w.Symbol("schema_validation", m.SchemaValidation);
        });
        w.Boolean("validation_enabled", security.ValidationEnabled);
        w.Section("kill_switch", security.KillSwitch, static (w, k) =>
        {
            w.Boolean("engaged", k.Engaged);
            w.Text("reason", k.Reason);
            w.Text("actor", k.Actor);
            w.Timestamp("at", k.At);
        });
    }

    private static void TopLevel<T>(CanonicalBundleWriter w, string title, string key, T? section, Action<CanonicalBundleWriter, T> body)
        where T : class
    {
        if (section is not null)
        {
            w.BlankLine();
            w.Comment("--- " + title + " ---");
            w.Section(key, section, body);
        }
    }
}
