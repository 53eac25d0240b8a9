using SignalFactory.Orchestration.Ids;
using SignalFactory.Orchestration.Tests.TestSupport;

namespace SignalFactory.Orchestration.Tests.Ids;

public sealed class BootstrapIdGeneratorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Feb17 = new(2026, 2, 17, 23, 59, 0, TimeSpan.Zero);
    private TestWorkspace _workspace = null!;

    public async Task InitializeAsync() => _workspace = await TestWorkspace.CreateAsync();

    public Task DisposeAsync()
    {
        _workspace.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task NextAsync_TwoGeneratorsOnOneDatabase_ShareOneSequence()
    {
        var clock = new FakeTimeProvider(Feb17);
        var first = new BootstrapIdGenerator(_workspace.DatabasePath, clock);
        var second = new BootstrapIdGenerator(_workspace.DatabasePath, clock);

        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await first.NextAsync(CancellationToken.None));
            ids.Add(await second.NextAsync(CancellationToken.None));
        }

        Assert.Equal(
            ["boot-2026-02-17-001", "boot-2026-02-17-002", "boot-2026-02-17-003", "boot-2026-02-17-004", "boot-2026-02-17-005", "boot-2026-02-17-006"],
            ids);
    }

    [Fact]
    public async Task NextAsync_NewUtcDay_StartsAt001()
    {
        var clock = new FakeTimeProvider(Feb17);
        var generator = new BootstrapIdGenerator(_workspace.DatabasePath, clock);
        await generator.NextAsync(CancellationToken.None);
        await generator.NextAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("boot-2026-02-18-001", await generator.NextAsync(CancellationToken.None));
    }

    [Fact]
    public async Task NextAsync_ConcurrentCallsFromTwoGenerators_NeverCollide()
    {
        var clock = new FakeTimeProvider(Feb17);
        BootstrapIdGenerator[] generators = [new(_workspace.DatabasePath, clock), new(_workspace.DatabasePath, clock)];

        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => generators[i % 2].NextAsync(CancellationToken.None))));

        Assert.Equal(
            Enumerable.Range(1, 50).Select(n => $"boot-2026-02-17-{n:D3}").Order(StringComparer.Ordinal),
            ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task NextAsync_InRolledBackTransaction_DoesNotConsumeTheNumber()
    {
        var generator = new BootstrapIdGenerator(_workspace.DatabasePath, new FakeTimeProvider(Feb17));
        await using (var connection = await _workspace.OpenRawAsync())
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            Assert.Equal("boot-2026-02-17-001", await generator.NextAsync(connection, transaction, CancellationToken.None));
            await transaction.RollbackAsync();
        }

        Assert.Equal("boot-2026-02-17-001", await generator.NextAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(1, "boot-2026-02-17-001")]
    [InlineData(42, "boot-2026-02-17-042")]
    [InlineData(1000, "boot-2026-02-17-1000")]
    public void Format_PadsToThreeDigits(int sequence, string expected)
    {
        Assert.Equal(expected, BootstrapIdGenerator.Format(new DateOnly(2026, 2, 17), sequence));
        Assert.True(BootstrapIdGenerator.TryParse(expected, out var day, out var parsed));
        Assert.Equal((new DateOnly(2026, 2, 17), sequence), (day, parsed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("boot-2026-02-17-01")]
    [InlineData("boot-2026-02-17-0001")]
    [InlineData("boot-2026-02-30-001")]
    [InlineData("boot-2026-02-17-000")]
    [InlineData("boot-2026-2-17-001")]
    [InlineData("BOOT-2026-02-17-001")]
    [InlineData("boot-2026-02-17-001 ")]
    public void IsValid_RefusesOtherForms(string? id)
    {
        Assert.False(BootstrapIdGenerator.IsValid(id));
    }
}
