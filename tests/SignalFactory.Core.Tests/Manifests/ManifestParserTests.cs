using SignalFactory.Core.Manifests;

namespace SignalFactory.Core.Tests.Manifests;

public sealed class ManifestParserTests
{
    private const string Source = "m.yaml";

    [Theory]
    [InlineData("")]
    [InlineData("# just a comment\n")]
    [InlineData("~\n")]
    public void Parse_EmptyDocument_ErrorAndNoManifest(string yaml)
    {
        var result = ManifestParser.Parse(yaml, Source);

        Assert.Null(result.Manifest);
        var error = Assert.Single(result.Diagnostics.Errors);
        Assert.Contains("the manifest is empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- a\n- b\n", "got a list")]
    [InlineData("just text\n", "got a scalar")]
    public void Parse_NonMappingRoot_Error(string yaml, string expected)
    {
        var result = ManifestParser.Parse(yaml, Source);

        Assert.Null(result.Manifest);
        var error = Assert.Single(result.Diagnostics.Errors);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoDocuments_ErrorAtSecond()
    {
        var result = ManifestParser.Parse("urn: a\n---\nurn: b\n", Source);

        var error = Assert.Single(result.Diagnostics.Errors);
        Assert.Null(result.Manifest);
        Assert.Equal((2, 1), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_UnclosedFlowSequence_ErrorWithPositionInsteadOfException()
    {
        var result = ManifestParser.Parse("tier: TIER_1\nstorage: [1, 2\nslo: 3\n", Source);

        var error = Assert.Single(result.Diagnostics.Errors);
        Assert.Null(result.Manifest);
        Assert.Equal(2, error.Line);
        Assert.NotNull(error.Column);
    }

    [Fact]
    public void Parse_UnterminatedQuote_ErrorAtQuote()
    {
        var result = ManifestParser.Parse("tier: TIER_1\nurn: \"ds://a/b\n", Source);

        var error = Assert.Single(result.Diagnostics.Errors);
        Assert.Equal((2, 6), (error.Line, error.Column));
        Assert.Contains("quoted scalar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UndefinedAlias_Error()
    {
        var result = ManifestParser.Parse("tier: *nope\n", Source);

        var error = Assert.Single(result.Diagnostics.Errors);
        Assert.Equal((1, 7), (error.Line, error.Column));
        Assert.Contains("*nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AliasToAnchor_UsesAnchoredValue()
    {
        var result = ManifestParser.Parse("owner_team: &team core\nmetadata:\n  created_by: *team\n", Source);

        Assert.Empty(result.Diagnostics.Errors);
        Assert.Equal("core", result.Manifest!.Metadata!.CreatedBy);
    }

    [Fact]
    public void Parse_DeepNesting_RefusedWithoutStackOverflow()
    {
        var yaml = "urn: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var result = ManifestParser.Parse(yaml, Source);

        var error = Assert.Single(result.Diagnostics.Errors);
        Assert.Contains("nesting deeper than", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max_staleness_hours: \"24\"", "slo.freshness.max_staleness_hours", "expected an integer, got the string \"24\" (remove the quotes)")]
    [InlineData("max_staleness_hours: 1.5", "slo.freshness.max_staleness_hours", "expected an integer, got '1.5'")]
    [InlineData("max_staleness_hours: {a: 1}", "slo.freshness.max_staleness_hours", "expected an integer, got a mapping")]
    [InlineData("max_staleness_hours: 3000000000", "slo.freshness.max_staleness_hours", "integer 3000000000 is out of range")]
    [InlineData("grace_period: [30m]", "slo.freshness.grace_period", "expected a string, got a list")]
    public void Parse_WrongTypeInFreshness_ErrorNamesPath(string line, string path, string message)
    {
        var result = ManifestParser.Parse("slo:\n  freshness:\n    " + line + "\n", Source);

        var error = Assert.Single(result.Diagnostics.Errors);
        Assert.Equal(path, error.Path);
        Assert.Equal(message, error.Message);
        Assert.Equal((3, 5 + line.IndexOf(':', StringComparison.Ordinal) + 2), (error.Line, error.Column));
        Assert.NotNull(result.Manifest);
        Assert.True(result.SourceMap.Contains(path));
    }

    [Theory]
    [InlineData("enabled: yes", "expected true or false, got 'yes'")]
    [InlineData("enabled: 1", "expected true or false, got '1'")]
    [InlineData("enabled: 'false'", "expected true or false, got the string \"false\" (remove the quotes)")]
    public void Parse_NonBooleanEnabled_Error(string line, string message)
    {
        var result = ManifestParser.Parse("openlineage:\n  " + line + "\n", Source);

        var error = Assert.Single(result.Diagnostics.Errors);
        Assert.Equal("openlineage.enabled", error.Path);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("enabled: true", true)]
    [InlineData("enabled: False", false)]
    [InlineData("enabled: TRUE", true)]
    public void Parse_BooleanSpellings_Accepted(string line, bool expected)
    {
        var result = ManifestParser.Parse("openlineage:\n  " + line + "\n", Source);

        Assert.Empty(result.Diagnostics.Errors);
        Assert.Equal(expected, result.Manifest!.OpenLineage!.Enabled);
    }

    [Theory]
    [InlineData("40", 40.0)]
    [InlineData("12.5", 12.5)]
    [InlineData("1e1", 10.0)]
    [InlineData(".5", 0.5)]
    [InlineData("-3", -3.0)]
    public void Parse_Numbers_ReadAsDouble(string text, double expected)
    {
        var result = ManifestParser.Parse("slo:\n  volume:\n    anomaly_threshold_pct: " + text + "\n", Source);

        Assert.Empty(result.Diagnostics.Errors);
        Assert.Equal(expected, result.Manifest!.Slo!.Volume!.AnomalyThresholdPct);
    }

    [Fact]
    public void Parse_ListAsSection_ErrorAndSectionNull()
    {
        var result = ManifestParser.Parse("storage:\n  - delta\n", Source);

        var error = Assert.Single(result.Diagnostics.Errors);
        Assert.Equal("storage", error.Path);
        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Equal("expected a mapping, got a list", error.Message);
        Assert.Null(result.Manifest!.Storage);
    }

    [Fact]
    public void Parse_PlainScalarsForStrings_KeptAsWritten()
    {
        var result = ManifestParser.Parse("owner_team: 42\nmetadata:\n  created_at: 2026-02-15T10:00:00Z\n", Source);

        Assert.Empty(result.Diagnostics.Errors);
        Assert.Equal("42", result.Manifest!.OwnerTeam);
        Assert.Equal("2026-02-15T10:00:00Z", result.Manifest.Metadata!.CreatedAt);
    }

    [Theory]
    [InlineData("gold:")]
    [InlineData("gold: ~")]
    [InlineData("gold: null")]
    public void Parse_NullValues_BecomeNullWithoutError(string line)
    {
        var result = ManifestParser.Parse("storage:\n  " + line + "\n", Source);

        Assert.Empty(result.Diagnostics.Errors);
        Assert.Null(result.Manifest!.Storage!.Gold);
    }

    [Fact]
    public void Parse_QuotedNull_IsTheString()
    {
        var result = ManifestParser.Parse("storage:\n  gold: 'null'\n", Source);

        Assert.Equal("null", result.Manifest!.Storage!.Gold);
    }

    [Fact]
    public void Parse_DuplicateNestedKey_ErrorKeepsFirstValue()
    {
        var result = ManifestParser.Parse("storage:\n  gold: /a\n  silver: /s\n  gold: /b\n", Source);

        var error = Assert.Single(result.Diagnostics.Errors);
        Assert.Equal("storage.gold", error.Path);
        Assert.Equal((4, 3), (error.Line, error.Column));
        Assert.Equal("duplicate key 'gold' (first defined at line 2)", error.Message);
        Assert.Equal("/a", result.Manifest!.Storage!.Gold);
    }

    [Fact]
    public void Parse_UnknownKeyFarFromAnyKnown_WarningListsKnownKeys()
    {
        var result = ManifestParser.Parse("storage:\n  colour: blue\n", Source);

        var warning = Assert.Single(result.Diagnostics.Warnings);
        Assert.Equal("storage.colour", warning.Path);
        Assert.DoesNotContain("did you mean", warning.Message, StringComparison.Ordinal);
        Assert.Contains("format, bronze, silver, gold, staging, quarantine, partition_key", warning.Message, StringComparison.Ordinal);
        Assert.Empty(result.Diagnostics.Errors);
    }

    [Theory]
    [InlineData("owner_tem", "owner_team")]
    [InlineData("Tier", "tier")]
    [InlineData("runtmie", "runtime")]
    [InlineData("enforcment_model", "enforcement_model")]
    [InlineData("open_lineage", "openlineage")]
    public void Parse_MisspelledTopLevelKey_SuggestsKnownKey(string key, string suggestion)
    {
        var result = ManifestParser.Parse(key + ": x\n", Source);

        var warning = Assert.Single(result.Diagnostics.Warnings);
        Assert.Equal(key, warning.Path);
        Assert.EndsWith($"did you mean '{suggestion}'?", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKeyInsideSlo_PathIncludesSection()
    {
        var result = ManifestParser.Parse("slo:\n  volume:\n    min_row_per_partition: 5\n", Source);

        var warning = Assert.Single(result.Diagnostics.Warnings);
        Assert.Equal("slo.volume.min_row_per_partition", warning.Path);
        Assert.Equal((3, 5), (warning.Line, warning.Column));
        Assert.Contains("did you mean 'min_rows_per_partition'?", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NonScalarKey_Error()
    {
        var result = ManifestParser.Parse("? [a, b]\n: 1\n", Source);

        var error = Assert.Single(result.Diagnostics.Errors);
        Assert.Contains("mapping keys must be plain text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RecordsPositionsOfKeysAndValues()
    {
        var result = ManifestParser.Parse(HldExample.Text, Source);

        Assert.True(result.SourceMap.TryGetKeyLocation("slo.volume.anomaly_threshold_pct", out var key));
        Assert.Equal(new SourceLocation(29, 5), key);
        Assert.True(result.SourceMap.TryGetValueLocation("slo.volume.anomaly_threshold_pct", out var value));
        Assert.Equal(new SourceLocation(29, 28), value);
        Assert.False(result.SourceMap.Contains("override_profiling_days"));
        Assert.Equal(Source, result.SourceMap.SourceName);
    }

    [Fact]
    public void Parse_OverrideProfilingDays_Read()
    {
        var result = ManifestParser.Parse("override_profiling_days: 14\n", Source);

        Assert.Equal(14, result.Manifest!.OverrideProfilingDays);
    }
}
