namespace SignalFactory.Core.Tests.Manifests;

/// <summary>The HLD §4.4 example manifest, byte for byte as in the seed, and helpers to break one line of it.</summary>
internal static class HldExample
{
    public static string Text { get; } =
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Manifests", "TestData", "hld_example.yaml"));

    /// <summary>The example with line <paramref name="lineNumber"/> (1-based) replaced; checks the old content first.</summary>
    public static string WithLine(int lineNumber, string expectedOld, string replacement)
    {
        var lines = Text.Split('\n').ToList();
        Assert.Equal(expectedOld, lines[lineNumber - 1]);
        lines[lineNumber - 1] = replacement;
        return string.Join('\n', lines);
    }

    /// <summary>The example without line <paramref name="lineNumber"/> (1-based); checks the old content first.</summary>
    public static string WithoutLine(int lineNumber, string expectedOld)
    {
        var lines = Text.Split('\n').ToList();
        Assert.Equal(expectedOld, lines[lineNumber - 1]);
        lines.RemoveAt(lineNumber - 1);
        return string.Join('\n', lines);
    }
}
