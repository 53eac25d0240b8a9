using System.Text.Json;
using SignalFactory.Cli.Hosting;

namespace SignalFactory.Cli.Tests.Support;

/// <summary>What one in-process <c>sf</c> invocation printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public JsonElement Json() => JsonDocument.Parse(Output).RootElement.Clone();
}

/// <summary>Runs the real command tree in-process, in a folder of the test's choosing.</summary>
internal static class CliRun
{
    public static async Task<CliResult> InAsync(string currentDirectory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = CliConsole.ForCapture(output, error, currentDirectory);
        var exit = await SfApp.RunAsync(args, console);
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}

/// <summary>A temp folder removed at the end of the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sf-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
