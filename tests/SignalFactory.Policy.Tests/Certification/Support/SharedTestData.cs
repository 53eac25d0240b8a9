namespace SignalFactory.Policy.Tests.Certification.Support;

/// <summary>
/// The shared test data written by other tools: <c>../shared/testdata</c> from the repository root (found by walking
/// up to <c>SignalFactory.slnx</c>). A git worktree sits deeper than the main checkout, so the search continues
/// upwards from the root until a <c>shared/testdata</c> folder is found.
/// </summary>
public static class SharedTestData
{
    public static string Root { get; } = Locate();

    public static string Parquet(string name) => Path.Combine(Root, "parquet", "data", name);

    private static string Locate()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SignalFactory.slnx")))
        {
            directory = directory.Parent;
        }

        for (var above = directory?.Parent; above is not null; above = above.Parent)
        {
            var candidate = Path.Combine(above.FullName, "shared", "testdata");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No ../shared/testdata above the repository root found from " + AppContext.BaseDirectory);
    }
}
