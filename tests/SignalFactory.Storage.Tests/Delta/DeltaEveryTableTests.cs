using System.Text.Json;
using SignalFactory.Storage.Delta;
using SignalFactory.Storage.Hive;

namespace SignalFactory.Storage.Tests.Delta;

/// <summary>
/// Every table under ../shared/testdata/delta either gives per-partition row counts equal to the test's own
/// counts, or is refused with an error naming the unsupported feature. The test's active set comes from its own
/// tiny JSON replay (plus the checkpoint read with DuckDB when the early commits are gone); its row counts come
/// from DuckDB's count(*) over each data file, or, for tables whose data files are not in the test data (log-only
/// copies), from the numRecords statistics in the log.
/// </summary>
public sealed class DeltaEveryTableTests : IClassFixture<DuckDbFixture>
{
    // Inspected by hand: simple_table_features has minReaderVersion 5 and readerFeatures
    // [columnMapping, blahabl, deletionVectors, timestampNtz, v2Checkpoint]; no other table uses reader features.
    private static readonly Dictionary<string, string[]> ExpectedRefusals = new(StringComparer.Ordinal)
    {
        ["simple_table_features"] = ["deletionVectors", "blahabl", "readerVersion 5"],
    };

    private readonly DuckDbFixture _duck;
    private readonly DeltaTableReader _reader;

    public DeltaEveryTableTests(DuckDbFixture duck)
    {
        _duck = duck;
        _reader = new DeltaTableReader(duck.Connection);
    }

    public static TheoryData<string> TableNames()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.EnumerateDirectories(TestPaths.DeltaTables).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [Fact]
    public void TableNames_FindsTheSharedTables()
    {
        Assert.True(TableNames().Count >= 18, $"only {TableNames().Count} table folders found under {TestPaths.DeltaTables}");
    }

    [Theory]
    [MemberData(nameof(TableNames))]
    public async Task ReadSnapshotAsync_EveryTable_MatchesIndependentCountsOrNamesTheUnsupportedFeature(string name)
    {
        var table = TestPaths.DeltaTable(name);
        if (ExpectedRefusals.TryGetValue(name, out var features))
        {
            var ex = await Assert.ThrowsAsync<DeltaTableException>(() => _reader.ReadSnapshotAsync(table));
            Assert.All(features, f => Assert.Contains(f, ex.Message, StringComparison.Ordinal));
            Assert.Contains(table, ex.Message, StringComparison.Ordinal);
            return;
        }

        // The hand-made refusal list must not hide anything: every other table is on reader version 1 or 2.
        Assert.All(ProtocolReaderVersions(table), v => Assert.InRange(v, 1, 2));

        var snapshot = await _reader.ReadSnapshotAsync(table);
        var expected = ExpectedActiveFiles(table, snapshot.Version);

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), snapshot.ActiveFiles.Select(f => f.Path).Order(StringComparer.Ordinal));
        foreach (var file in snapshot.ActiveFiles)
        {
            var raw = expected[file.Path].PartitionValues;
            Assert.Equal(raw.Keys.Order(StringComparer.Ordinal), file.PartitionValues.Keys.Order(StringComparer.Ordinal));
            Assert.All(raw, kv => Assert.Equal(string.IsNullOrEmpty(kv.Value) ? null : kv.Value, file.PartitionValues[kv.Key]));
        }

        var onDisk = expected.Values.Select(a => File.Exists(ResolveByHand(table, a.Path))).Distinct().ToList();
        Assert.True(onDisk.Count <= 1, "a table is either complete or a log-only copy, never half of each");
        if (expected.Count > 0 && !onDisk[0])
        {
            // Log-only copy: the counts the log itself claims are the only independent numbers.
            var fromStats = expected.Values
                .GroupBy(a => Key(a.PartitionValues))
                .ToDictionary(g => g.Key, g => g.Any(a => a.NumRecords is null) ? null : (long?)g.Sum(a => a.NumRecords!.Value));
            var fromSnapshot = snapshot.GetPartitions().ToDictionary(p => Key(p.Values), p => p.NumRecords);
            Assert.Equal(fromStats.OrderBy(kv => kv.Key, StringComparer.Ordinal), fromSnapshot.OrderBy(kv => kv.Key, StringComparer.Ordinal));
            return;
        }

        var counted = expected.Values
            .GroupBy(a => Key(a.PartitionValues))
            .ToDictionary(g => g.Key, g => (long?)g.Sum(a => _duck.CountRows(ResolveByHand(table, a.Path))));
        var counts = await DeltaRowCounter.CountAsync(snapshot, new ParquetFooterReader(_duck.Connection));
        Assert.All(counts, c => Assert.Empty(c.Failures));
        Assert.Equal(
            counted.OrderBy(kv => kv.Key, StringComparer.Ordinal),
            counts.ToDictionary(c => Key(c.Values), c => c.RowCount).OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    // The test's own notion of the active set: JSON replay from version 0, or from the newest checkpoint Parquet
    // (read here with DuckDB) when the early commits are gone.
    private Dictionary<string, ReferenceReplay.ActiveAdd> ExpectedActiveFiles(string table, long version)
    {
        if (ReferenceReplay.HasFullJsonHistory(table))
        {
            return ReferenceReplay.Replay(table, version);
        }

        var checkpoint = Directory.EnumerateFiles(Path.Combine(table, "_delta_log"), "*.checkpoint.parquet").Max(StringComparer.Ordinal)!;
        var checkpointVersion = long.Parse(Path.GetFileName(checkpoint)[..20], System.Globalization.CultureInfo.InvariantCulture);
        var initial = new Dictionary<string, ReferenceReplay.ActiveAdd>();
        using (var result = _duck.Connection.Query("SELECT to_json(add) FROM read_parquet($1) WHERE add IS NOT NULL", checkpoint))
        {
            while (result.Read())
            {
                using var doc = JsonDocument.Parse(result.GetString(0));
                var add = ReferenceReplay.ToActiveAdd(doc.RootElement);
                initial[add.Path] = add;
            }
        }

        return ReferenceReplay.Replay(table, version, checkpointVersion, initial);
    }

    private IEnumerable<long> ProtocolReaderVersions(string table)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(table, "_delta_log"), "*.json"))
        {
            foreach (var line in File.ReadLines(file).Where(l => l.Contains("\"protocol\"", StringComparison.Ordinal)))
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("protocol", out var protocol))
                {
                    yield return protocol.GetProperty("minReaderVersion").GetInt64();
                }
            }
        }

        foreach (var checkpoint in Directory.EnumerateFiles(Path.Combine(table, "_delta_log"), "*.checkpoint.parquet"))
        {
            yield return _duck.Connection.ExecuteScalar<long>(
                "SELECT protocol.minReaderVersion FROM read_parquet($1) WHERE protocol IS NOT NULL", checkpoint);
        }
    }

    private static string ResolveByHand(string table, string logPath) => Path.Combine(table, Uri.UnescapeDataString(logPath));

    private static string Key(IReadOnlyDictionary<string, string?> values) =>
        string.Join("|", values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + (string.IsNullOrEmpty(kv.Value) ? "<null>" : kv.Value)));

    private static string Key(Dictionary<string, string?> values) => Key((IReadOnlyDictionary<string, string?>)values);
}
