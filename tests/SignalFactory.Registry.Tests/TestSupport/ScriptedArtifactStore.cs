using SignalFactory.Storage.Artifacts;

namespace SignalFactory.Registry.Tests.TestSupport;

/// <summary>Wraps a real artifact store, records writes and fails writes of chosen keys.</summary>
public sealed class ScriptedArtifactStore(IArtifactStore inner) : IArtifactStore
{
    private readonly List<string> _writes = [];

    public Func<string, bool> FailWrite { get; set; } = _ => false;

    /// <summary>Awaited before each write goes through; lets a test hold one writer at a chosen point.</summary>
    public Func<string, ReadOnlyMemory<byte>, Task> BeforeWrite { get; set; } = (_, _) => Task.CompletedTask;

    public IReadOnlyList<string> Writes
    {
        get
        {
            lock (_writes)
            {
                return [.. _writes];
            }
        }
    }

    public async Task WriteAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await BeforeWrite(key, content);
        if (FailWrite(key))
        {
            throw new IOException("simulated storage failure");
        }

        lock (_writes)
        {
            _writes.Add(key);
        }

        await inner.WriteAsync(key, content, cancellationToken);
    }

    public Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
}
