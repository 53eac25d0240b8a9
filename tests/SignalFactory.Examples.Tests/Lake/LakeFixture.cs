using SignalFactory.DuckDb;
using SignalFactory.Examples.Lake;

namespace SignalFactory.Examples.Tests.Lake;

/// <summary>One small lake shared by the read-only tests: 12 days (so the version-10 checkpoint exists) × 2,000 rows,
/// at most 1,000 rows per file (so partitions have two files).</summary>
public sealed class LakeFixture : IAsyncLifetime
{
    public const int Days = 12;
    public const int RowsPerPartition = 2_000;
    public const int MaxRowsPerFile = 1_000;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "sf-examples-tests-" + Guid.NewGuid().ToString("N"));

    public string LakeDirectory => Path.Combine(_root, "lake");

    public ExampleLakeResult Result { get; private set; } = null!;

    public List<ExampleLakeProgress> Progress { get; } = [];

    public static ExampleLakeOptions Options => new()
    {
        Days = Days,
        RowsPerPartition = RowsPerPartition,
        MaxRowsPerFile = MaxRowsPerFile,
        Seed = 42,
    };

    public string OrdersDirectory => Path.Combine(LakeDirectory, "orders_enriched");

    public async Task InitializeAsync()
    {
        Result = await new ExampleLakeGenerator()
            .GenerateAsync(LakeDirectory, Options, new ListProgress(Progress), CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs a query with DuckDB and returns all rows.</summary>
    public static List<object?[]> Rows(string sql, params object?[] parameters)
    {
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        using var result = connection.Query(sql, parameters);
        return result.Rows().Select(r => (object?[])r.Clone()).ToList();
    }

    public static long Scalar(string sql, params object?[] parameters) => Convert.ToInt64(Rows(sql, parameters)[0][0]);

    private sealed class ListProgress(List<ExampleLakeProgress> list) : IProgress<ExampleLakeProgress>
    {
        public void Report(ExampleLakeProgress value) => list.Add(value);
    }
}

[CollectionDefinition(Name)]
public sealed class LakeCollection : ICollectionFixture<LakeFixture>
{
    public const string Name = "example lake";
}
