namespace SignalFactory.Storage.Tests.Delta;

/// <summary>Locates the shared test data (../shared/testdata from the repository root) and makes temp folders.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> RepoRoot = new(FindRepoRoot);

    private static readonly Lazy<string> TestDataRoot = new(FindTestData);

    /// <summary>
    /// <c>../shared/testdata</c> from the repository root. A git worktree sits one level deeper than the main
    /// checkout, so the search continues upwards until a <c>shared/testdata</c> folder is found.
    /// </summary>
    public static string TestData => TestDataRoot.Value;

    public static string DeltaTables => Path.Combine(TestData, "delta");

    public static string DeltaTable(string name) => Path.Combine(DeltaTables, name);

    public static string ParquetData => Path.Combine(TestData, "parquet", "data");

    public static string ParquetBadData => Path.Combine(TestData, "parquet", "bad_data");

    private static string FindTestData()
    {
        var directory = new DirectoryInfo(Path.Combine(RepoRoot.Value, ".."));
        while (directory is not null)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "testdata");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            directory = directory.Parent;
        }

        throw new InvalidOperationException("../shared/testdata not found above " + RepoRoot.Value);
    }

    private static string FindRepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SignalFactory.slnx")))
            {
                return directory.FullName;
            }

            directory = directory.Parent;
        }

        throw new InvalidOperationException("SignalFactory.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temp folder deleted on dispose.</summary>
internal sealed class DeltaTestFolder : IDisposable
{
    public DeltaTestFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sf-storage-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Copies a folder tree into this temp folder and returns the copy's path.</summary>
    public string CopyOf(string source, string? name = null)
    {
        var target = System.IO.Path.Combine(Path, name ?? System.IO.Path.GetFileName(source));
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, directory)));
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file)));
        }

        return target;
    }

    /// <summary>Writes a file (creating folders) under this temp folder and returns its full path.</summary>
    public string Write(string relativePath, string content = "x")
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder does not fail a test.
        }
    }
}
