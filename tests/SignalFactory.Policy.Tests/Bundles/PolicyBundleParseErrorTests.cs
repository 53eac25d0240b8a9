using System.Text;
using SignalFactory.Policy.Bundles;
using SignalFactory.Policy.Tests.TestSupport;

namespace SignalFactory.Policy.Tests.Bundles;

public sealed class PolicyBundleParseErrorTests
{
    private static readonly string _small = PolicyBundleYaml.ToCanonicalYaml(SampleBundles.Small());

    private static PolicyBundleFormatException ParseFails(string text) =>
        Assert.Throws<PolicyBundleFormatException>(() => PolicyBundleYaml.ParseUnverified(text, "policy_bundle.yaml"));

    private static int LineOf(string text, string fragment) =>
        text[..text.IndexOf(fragment, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Fact]
    public void Parse_UnknownKey_ErrorNamesPathLineAndSuggestion()
    {
        var text = _small.Replace("  sampling_rate:", "  samplng_rate:", StringComparison.Ordinal);

        var ex = ParseFails(text);

        var issue = Assert.Single(ex.Issues, i => i.Path == "performance.samplng_rate");
        Assert.Equal(LineOf(text, "samplng_rate"), issue.Line);
        Assert.Equal(3, issue.Column);
        Assert.Contains("did you mean 'sampling_rate'", issue.Message, StringComparison.Ordinal);
        // The missing real key is reported too.
        Assert.Contains(ex.Issues, i => i.Path == "performance.sampling_rate" && i.Message.Contains("missing", StringComparison.Ordinal));
        Assert.StartsWith("policy_bundle.yaml:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTopLevelSection_IsAnError()
    {
        var ex = ParseFails(_small + "extras:\n  anything: 1\n");

        Assert.Contains(ex.Issues, i => i.Path == "extras" && i.Message.Contains("unknown key", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DuplicateKey_IsAnErrorAtTheSecondOccurrence()
    {
        var text = _small + "version: \"2.0\"\n";

        var ex = ParseFails(text);

        var issue = Assert.Single(ex.Issues);
        Assert.Equal("version", issue.Path);
        Assert.Equal("duplicate key", issue.Message);
        Assert.Equal(text.Count(c => c == '\n'), issue.Line);
    }

    [Fact]
    public void Parse_MissingRequiredSecurity_IsAnError()
    {
        var text = _small.Replace("security:\n  validation_enabled: true\n", "", StringComparison.Ordinal);

        var ex = ParseFails(text);

        Assert.Contains(ex.Issues, i => i.Path == "security" && i.Message == "missing required key");
    }

    [Theory]
    [InlineData("  validation_enabled: true\n", "  validation_enabled: \"true\"\n", "security.validation_enabled", "expected true or false")]
    [InlineData("  validation_enabled: true\n", "  validation_enabled: yes\n", "security.validation_enabled", "expected true or false")]
    [InlineData("  gate_timeout_ms: 20000\n", "  gate_timeout_ms: 20s\n", "performance.gate_timeout_ms", "expected an integer")]
    [InlineData("  gate_timeout_ms: 20000\n", "  gate_timeout_ms: 99999999999\n", "performance.gate_timeout_ms", "out of range")]
    [InlineData("  sampling_rate: 0.5\n", "  sampling_rate: .nan\n", "performance.sampling_rate", "finite number")]
    [InlineData("  sampling_rate: 0.5\n", "  sampling_rate: \"0.5\"\n", "performance.sampling_rate", "finite number")]
    [InlineData("    - \"ts\"\n", "    - {a: 1}\n", "contract_lite.required_fields[1]", "expected a string")]
    [InlineData("  invariants: []\n", "  invariants: nope\n", "contract_lite.invariants", "expected a list")]
    public void Parse_WrongType_ErrorNamesPathAndPosition(string original, string replacement, string path, string message)
    {
        var text = _small.Replace(original, replacement, StringComparison.Ordinal);
        Assert.NotEqual(_small, text);

        var ex = ParseFails(text);

        var issue = Assert.Single(ex.Issues);
        Assert.Equal(path, issue.Path);
        Assert.Contains(message, issue.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(text, replacement.TrimStart()), issue.Line);
    }

    [Fact]
    public void Parse_BadTimestamp_IsAnError()
    {
        var bundle = SampleBundles.Full();
        var text = PolicyBundleYaml.ToCanonicalYaml(bundle).Replace("2026-02-22T00:00:00Z", "2026-02-22 00:00", StringComparison.Ordinal);

        var ex = ParseFails(text);

        Assert.Equal("bootstrap.auto_refine_until", Assert.Single(ex.Issues).Path);
    }

    [Fact]
    public void Parse_YamlSyntaxError_ReportsLine()
    {
        var ex = ParseFails("version: \"2.0\"\nsecurity:\n  validation_enabled: [true\n");

        var issue = Assert.Single(ex.Issues);
        Assert.NotNull(issue.Line);
        Assert.True(issue.Line >= 3);
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n", "anchors")]
    [InlineData("a: !!str 1\n", "tags")]
    [InlineData("a: 1\n---\nb: 2\n", "exactly one YAML document")]
    [InlineData("", "empty")]
    [InlineData("- just\n- a list\n", "expected a mapping")]
    public void Parse_DisallowedYamlFeatures_AreRefused(string text, string message)
    {
        var ex = ParseFails(text);

        Assert.Contains(ex.Issues, i => i.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_BytesWithBom_AreRefused()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(_small)).ToArray();

        var ex = Assert.Throws<PolicyBundleFormatException>(() => PolicyBundleYaml.ParseUnverified(bytes));

        Assert.Contains("byte order mark", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8_ReportsItsLine()
    {
        var bytes = Encoding.UTF8.GetBytes(_small);
        var at = Array.IndexOf(bytes, (byte)'b'); // the first 'b' of the file
        bytes[at] = 0xFF;

        var ex = Assert.Throws<PolicyBundleFormatException>(() => PolicyBundleYaml.ParseUnverified(bytes));

        var issue = Assert.Single(ex.Issues);
        Assert.Contains("not valid UTF-8", issue.Message, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetString(bytes[..at]).Count(c => c == '\n') + 1, issue.Line);
    }
}
