using SignalFactory.Core.Manifests;

namespace SignalFactory.Cli.Hosting;

/// <summary>Checks of arguments several commands share; a bad value exits 2 with the same message everywhere.</summary>
internal static class CliArguments
{
    /// <summary><paramref name="urn"/> when it is a dataset URN (<c>ds://{zone}/{name}</c>).</summary>
    public static string RequireUrn(string urn) =>
        DatasetUrn.TryParse(urn, out _) ? urn : throw new InvalidInputException($"'{urn}' is not a dataset URN; expected ds://{{zone}}/{{name}}");

    /// <summary>A <c>--version</c> value: null (the latest) or 1 or more.</summary>
    public static int? RequireVersion(int? version) =>
        version is < 1 ? throw new InvalidInputException($"--version must be 1 or more; got {version}") : version;
}
