namespace SignalFactory.Profiling.Tests.Dispatch.Support;

/// <summary>Locates <c>../shared/testdata</c> relative to the repository root (the folder holding SignalFactory.slnx).</summary>
internal static class TestData
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Delta => Path.Combine(Root.Value, "delta");

    public static string ParquetData => Path.Combine(Root.Value, "parquet", "data");

    public static string ParquetBadData => Path.Combine(Root.Value, "parquet", "bad_data");

    private static string Find()
    {
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "SignalFactory.slnx")))
        {
            repo = repo.Parent;
        }

        if (repo is null)
        {
            throw new InvalidOperationException("SignalFactory.slnx not found above " + AppContext.BaseDirectory);
        }

        // ../shared/testdata from the repository root; a git worktree sits deeper, so keep looking upwards.
        for (var dir = repo.Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testdata");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("../shared/testdata not found above " + repo.FullName);
    }
}

/// <summary>A temp folder removed at the end of the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sf-dispatch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Copies <paramref name="source"/> to <c>{temp}/{relative}</c>, creating folders.</summary>
    public string CopyFile(string source, string relative)
    {
        var target = Combine(relative.Split('/'));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.Copy(source, target);
        return target;
    }

    /// <summary>Copies a whole folder tree under the temp folder.</summary>
    public string CopyTree(string source, string name)
    {
        var target = Combine(name);
        foreach (var dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, dir)));
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file)));
        }

        return target;
    }

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
