using SignalFactory.Examples.Lake;

namespace SignalFactory.Examples.Tests.Lake;

public sealed class TargetDirectoryTests : IDisposable
{
    private static readonly ExampleLakeOptions Small = new() { Days = 1, RowsPerPartition = 20 };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "sf-examples-target-" + Guid.NewGuid().ToString("N"));

    public TargetDirectoryTests() => Directory.CreateDirectory(_root);

    [Fact]
    public async Task Generate_NonEmptyDirectory_IsRefusedAndLeftUntouched()
    {
        var target = Path.Combine(_root, "lake");
        Directory.CreateDirectory(target);
        await File.WriteAllTextAsync(Path.Combine(target, "keep.txt"), "mine");

        var error = await Assert.ThrowsAsync<ExampleLakeException>(() => Generate(target, Small));

        Assert.Equal(ExampleLakeError.TargetNotEmpty, error.Error);
        Assert.Contains(target, error.Message, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(target).Select(Path.GetFileName));
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(target, "keep.txt")));
        Assert.Equal(["lake"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Generate_OverwriteOfAFolderThatIsNoExampleLake_IsRefused()
    {
        var target = Path.Combine(_root, "lake");
        Directory.CreateDirectory(target);
        await File.WriteAllTextAsync(Path.Combine(target, "keep.txt"), "mine");

        var error = await Assert.ThrowsAsync<ExampleLakeException>(() => Generate(target, Small with { Overwrite = true }));

        Assert.Equal(ExampleLakeError.TargetNotEmpty, error.Error);
        Assert.True(File.Exists(Path.Combine(target, "keep.txt")));
    }

    [Fact]
    public async Task Generate_OverwriteOfAnEarlierExampleLake_ReplacesIt()
    {
        var target = Path.Combine(_root, "lake");
        await Generate(target, Small);

        var result = await Generate(target, Small with { Overwrite = true, Days = 2 });

        Assert.Equal(2, result.Tables[0].Partitions.Count);
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(target, "customer_events")).Length);
        Assert.Equal(["lake"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Generate_EmptyExistingDirectory_IsUsed()
    {
        var target = Path.Combine(_root, "empty");
        Directory.CreateDirectory(target);

        var result = await Generate(target, Small);

        Assert.Equal(target, result.Directory);
        Assert.True(Directory.Exists(Path.Combine(target, "orders_enriched", "_delta_log")));
    }

    [Theory]
    [InlineData(0, 10, 10)]
    [InlineData(3, 0, 10)]
    [InlineData(3, 10, 0)]
    public async Task Generate_OutOfRangeOption_IsRefusedBeforeWritingAnything(int days, int rows, int maxRowsPerFile)
    {
        var target = Path.Combine(_root, "lake");

        var error = await Assert.ThrowsAsync<ExampleLakeException>(() =>
            Generate(target, new ExampleLakeOptions { Days = days, RowsPerPartition = rows, MaxRowsPerFile = maxRowsPerFile }));

        Assert.Equal(ExampleLakeError.InvalidOption, error.Error);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public async Task Generate_TargetInsideAFile_IsRefusedAsNotWritable()
    {
        var file = Path.Combine(_root, "plain.txt");
        await File.WriteAllTextAsync(file, "x");

        var error = await Assert.ThrowsAsync<ExampleLakeException>(() => Generate(Path.Combine(file, "lake"), Small));

        Assert.Equal(ExampleLakeError.TargetNotWritable, error.Error);
        Assert.Equal(["plain.txt"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Generate_Cancelled_LeavesNothingBehind()
    {
        using var cancellation = new CancellationTokenSource();
        var target = Path.Combine(_root, "lake");
        var progress = new CancelOnFirstReport(cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new ExampleLakeGenerator().GenerateAsync(target, new ExampleLakeOptions { Days = 5, RowsPerPartition = 50 }, progress, cancellation.Token));

        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Task<ExampleLakeResult> Generate(string target, ExampleLakeOptions options) =>
        new ExampleLakeGenerator().GenerateAsync(target, options, progress: null, CancellationToken.None);

    private sealed class CancelOnFirstReport(CancellationTokenSource source) : IProgress<ExampleLakeProgress>
    {
        public void Report(ExampleLakeProgress value) => source.Cancel();
    }
}
