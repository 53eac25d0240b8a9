using SignalFactory.DuckDb;
using SignalFactory.Profiling.Engine;

namespace SignalFactory.Profiling.Tests.Engine;

/// <summary>Out-of-memory falls back from full to sampled, then to the caller; cancellation interrupts DuckDB.</summary>
public sealed class OutOfMemoryAndCancellationTests : IDisposable
{
    private readonly EngineTempFolder _folder = new();
    private readonly TestDuckDb _duck = new();
    private readonly string[] _files;

    public OutOfMemoryAndCancellationTests()
    {
        // Four files of 40,000 rows in row groups of 4,000: a 10 % sample can take whole row groups.
        _files = new string[4];
        for (var i = 0; i < _files.Length; i++)
        {
            _files[i] = _folder.File($"part-{i}.parquet");
            _duck.WriteParquet(
                $"SELECT range AS id, 'name-' || (range % 977) AS name FROM range({i * 40_000}, {(i + 1) * 40_000})",
                _files[i], "FORMAT parquet, ROW_GROUP_SIZE 4000");
        }
    }

    [Fact]
    public async Task ProfileAsync_OutOfMemoryInFullMode_RetriesSampledAndSaysSo()
    {
        var modes = new List<ScanModeKind>();
        var profiler = new DuckDbProfiler
        {
            BeforeStep = (step, mode) =>
            {
                modes.Add(mode.Kind);
                return mode.Kind == ScanModeKind.Full && step == "main pass" ? throw OutOfMemory() : Task.CompletedTask;
            },
        };

        var result = await profiler.ProfileAsync(ProfileAssertions.Request(_files) with { OutOfMemorySampleRate = 0.1 });

        Assert.Equal(ScanModeKind.Sampled, result.Mode.Kind);
        Assert.Equal(0.1, result.Mode.SampleRate);
        Assert.Equal(ProfileScanResult.FallbackOutOfMemory, result.FallbackReason);
        Assert.Contains(result.Warnings, w => w.Contains("out of memory", StringComparison.Ordinal));
        Assert.Equal(160_000, result.TotalRows);
        Assert.InRange(result.RowsScanned, 12_000, 20_000); // whole row groups of 4,000 near 16,000
        Assert.Contains(ScanModeKind.Full, modes);
    }

    [Fact]
    public async Task ProfileAsync_OutOfMemoryInBothModes_ThrowsProfilingOutOfMemory()
    {
        var profiler = new DuckDbProfiler { BeforeStep = (step, _) => step == "sketch pass" ? throw OutOfMemory() : Task.CompletedTask };

        var error = await Assert.ThrowsAsync<ProfilingOutOfMemoryException>(() => profiler.ProfileAsync(ProfileAssertions.Request(_files)));

        Assert.Contains("sampled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileAsync_OutOfMemoryWhenSampledWasAsked_ThrowsWithoutRetry()
    {
        var attempts = 0;
        var profiler = new DuckDbProfiler
        {
            BeforeStep = (step, _) =>
            {
                if (step == "main pass")
                {
                    attempts++;
                    throw OutOfMemory();
                }

                return Task.CompletedTask;
            },
        };

        await Assert.ThrowsAsync<ProfilingOutOfMemoryException>(
            () => profiler.ProfileAsync(ProfileAssertions.Request(_files) with { Mode = ScanMode.Sampled(0.5) }));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task ProfileAsync_TinyMemoryLimit_FallsBackOrThrowsOutOfMemory()
    {
        // A real DuckDB limit far below what reading these row groups needs.
        var wide = _folder.File("wide.parquet");
        _duck.WriteParquet(
            "SELECT range AS id, repeat(md5(range::VARCHAR), 40) AS a, repeat(md5((range * 7)::VARCHAR), 40) AS b FROM range(300000)",
            wide, "FORMAT parquet, COMPRESSION uncompressed");
        var request = ProfileAssertions.Request(wide) with { MemoryLimit = "2MB", Threads = 1 };

        try
        {
            var result = await new DuckDbProfiler().ProfileAsync(request);
            Assert.Equal(ProfileScanResult.FallbackOutOfMemory, result.FallbackReason);
            Assert.Equal(ScanModeKind.Sampled, result.Mode.Kind);
        }
        catch (ProfilingOutOfMemoryException)
        {
            // Sampled ran out of memory as well: the caller writes a synthetic baseline.
        }
    }

    [Fact]
    public async Task ProfileAsync_CancelledBeforeStart_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new DuckDbProfiler().ProfileAsync(ProfileAssertions.Request(_files), cancellation.Token));
    }

    [Theory]
    [InlineData("main pass")]
    [InlineData("sketch pass")]
    [InlineData("distinct sample")]
    public async Task ProfileAsync_CancelledDuringAStep_ThrowsAndIsNotTakenForABadFile(string step)
    {
        using var cancellation = new CancellationTokenSource();
        var profiler = new DuckDbProfiler
        {
            BeforeStep = (current, _) => current == step ? cancellation.CancelAsync() : Task.CompletedTask,
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => profiler.ProfileAsync(ProfileAssertions.Request(_files), cancellation.Token));
    }

    public void Dispose()
    {
        _duck.Dispose();
        _folder.Dispose();
    }

    private static DuckDbException OutOfMemory() =>
        new("Out of Memory Error: failed to allocate data of size 16.0 MiB (1.0 MiB/1.0 MiB used)", DuckDbErrorType.OutOfMemory);
}
