namespace SignalFactory.Examples.Lake;

/// <summary>
/// Where the lake goes. The lake is built in a hidden sibling folder and moved into place only when complete, so a
/// failed or cancelled run leaves the target as it was. A non-empty target is refused unless overwriting was asked
/// for and the folder carries the marker file of an earlier example lake (so no unrelated folder is ever deleted).
/// </summary>
internal static class TargetDirectory
{
    public const string MarkerFileName = ".sf-example-lake";

    public static void EnsureUsable(string target, bool overwrite)
    {
        if (File.Exists(target))
        {
            throw new ExampleLakeException(ExampleLakeError.TargetNotEmpty,
                $"'{target}' is a file; the example lake needs a new or empty directory.");
        }

        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any())
        {
            return;
        }

        if (!overwrite)
        {
            throw new ExampleLakeException(ExampleLakeError.TargetNotEmpty,
                $"The directory '{target}' is not empty; choose a new or empty directory, "
                + "or overwrite an example lake written earlier.");
        }

        if (!File.Exists(Path.Combine(target, MarkerFileName)))
        {
            throw new ExampleLakeException(ExampleLakeError.TargetNotEmpty,
                $"The directory '{target}' is not empty and was not written by the example lake generator "
                + $"(no {MarkerFileName} file), so it is not overwritten.");
        }
    }

    public static string CreateStaging(string target)
    {
        var parent = Path.GetDirectoryName(target)
            ?? throw new ExampleLakeException(ExampleLakeError.InvalidOption, $"'{target}' cannot hold an example lake (no parent directory).");
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.sf-staging-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ExampleLakeException(ExampleLakeError.TargetNotWritable,
                $"Cannot write next to '{target}': the folder '{parent}' cannot be created or written ({ex.GetType().Name}).");
        }

        return staging;
    }

    /// <summary>Replaces <paramref name="target"/> (absent, empty, or an earlier example lake) with the finished staging folder.</summary>
    public static void Publish(string staging, string target, bool overwrite)
    {
        // Checked again: something may have been put in the target while the lake was being generated.
        EnsureUsable(target, overwrite);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(staging, target);
    }

    public static void Discard(string staging)
    {
        try
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: the hidden staging folder is harmless if it cannot be removed now.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
