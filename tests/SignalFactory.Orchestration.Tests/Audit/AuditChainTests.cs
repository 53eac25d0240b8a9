using System.Security.Cryptography;
using System.Text;
using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.Tests.TestSupport;

namespace SignalFactory.Orchestration.Tests.Audit;

public sealed class AuditChainTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 17, 10, 0, 0, TimeSpan.Zero);
    private TestWorkspace _workspace = null!;
    private SqliteAuditLog _log = null!;

    public async Task InitializeAsync()
    {
        _workspace = await TestWorkspace.CreateAsync();
        _log = new SqliteAuditLog(_workspace.DatabasePath);
    }

    public Task DisposeAsync()
    {
        _workspace.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Verify_Append100_IsValid()
    {
        var records = await AppendHundredAsync();

        var result = await _log.VerifyAsync(CancellationToken.None);

        Assert.True(result.IsValid, result.FirstBreak?.Message);
        Assert.Equal(100, result.RecordsVerified);
        Assert.Equal(records[^1].Hash, result.LastVerifiedHash);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), records.Select(r => r.Sequence));
        for (var i = 1; i < records.Count; i++)
        {
            Assert.Equal(records[i - 1].Hash, records[i].PrevHash);
        }
    }

    [Fact]
    public async Task Verify_EmptyLog_IsValid()
    {
        var result = await _log.VerifyAsync(CancellationToken.None);

        Assert.True(result.IsValid);
        Assert.Equal(0, result.RecordsVerified);
        Assert.Equal(new string('0', 64), result.LastVerifiedHash);
    }

    [Fact]
    public async Task Append_HashIsSha256OfPreviousHashAndCanonicalJson()
    {
        var details = new Dictionary<string, string> { ["b"] = "line\nbreak \"q\" \\ é\u0001", ["a"] = "x" };
        var entry = new AuditEntry("boot-2026-02-17-001", "APPROVED", Actor.Human("jane.doe"), T0.ToOffset(TimeSpan.FromHours(2)),
            System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, details));

        var first = Assert.Single(await _log.AppendAsync([entry], CancellationToken.None));
        var second = Assert.Single(await _log.AppendAsync([entry with { Action = "SIGNED" }], CancellationToken.None));

        // Written out by hand from the documented form: sorted keys, no spaces, JCS escapes, UTC with 7 fraction digits.
        var json = "{\"action\":\"APPROVED\",\"actor\":\"human:jane.doe\",\"audit_id\":\"" + first.AuditId
            + "\",\"bootstrap_id\":\"boot-2026-02-17-001\",\"details\":{\"a\":\"x\",\"b\":\"line\\nbreak \\\"q\\\" \\\\ é\\u0001\"}"
            + ",\"timestamp\":\"2026-02-17T10:00:00.0000000Z\"}";
        Assert.Equal(Sha256Hex(new string('0', 64) + json), first.Hash);
        Assert.Equal(new string('0', 64), first.PrevHash);
        Assert.Equal(first.Hash, second.PrevHash);
        Assert.Equal(26, first.AuditId.Length);
        Assert.Equal(
            "{\"a\":\"x\",\"b\":\"line\\nbreak \\\"q\\\" \\\\ é\\u0001\"}",
            await _workspace.ScalarRawAsync("SELECT details FROM audit_log WHERE sequence = 1"));
    }

    [Theory]
    [InlineData("actor", "'human:mallory'")]
    [InlineData("action", "'CANCELLED'")]
    [InlineData("details", "'{\"attempt\":\"9\"}'")]
    [InlineData("timestamp", "'2026-02-17T11:00:00.0000000Z'")]
    [InlineData("bootstrap_id", "'boot-2026-02-17-999'")]
    [InlineData("hash", "'" + "ab" + "'")]
    [InlineData("timestamp", "'yesterday'")]
    public async Task Verify_OneFieldEditedInTheDatabase_ReportsThatRecord(string column, string value)
    {
        var records = await AppendHundredAsync();
        await _workspace.ExecuteRawAsync($"DROP TRIGGER audit_log_no_update; UPDATE audit_log SET {column} = {value} WHERE sequence = 37;");

        var result = await _log.VerifyAsync(CancellationToken.None);

        Assert.False(result.IsValid);
        Assert.Equal(AuditBreakKind.Edited, result.FirstBreak!.Kind);
        Assert.Equal(37, result.FirstBreak.Sequence);
        Assert.Equal(records[36].AuditId, result.FirstBreak.AuditId);
        Assert.Equal(36, result.RecordsVerified);
        Assert.Contains("#37", result.FirstBreak.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OneRecordDeleted_ReportsIt()
    {
        await AppendHundredAsync();
        await _workspace.ExecuteRawAsync("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE sequence = 50;");

        var result = await _log.VerifyAsync(CancellationToken.None);

        Assert.Equal((AuditBreakKind.Deleted, 50L), (result.FirstBreak!.Kind, result.FirstBreak.Sequence));
        Assert.Equal(49, result.RecordsVerified);
    }

    [Fact]
    public async Task Verify_RecordDeletedAndLaterOnesRenumbered_ReportsTheDeletion()
    {
        await AppendHundredAsync();
        await _workspace.ExecuteRawAsync("""
            DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update;
            DELETE FROM audit_log WHERE sequence = 30;
            UPDATE audit_log SET sequence = sequence + 999 WHERE sequence > 30;
            UPDATE audit_log SET sequence = sequence - 1000 WHERE sequence > 1000;
            UPDATE audit_head SET sequence = 99;
            """);

        var result = await _log.VerifyAsync(CancellationToken.None);

        Assert.Equal((AuditBreakKind.Deleted, 30L), (result.FirstBreak!.Kind, result.FirstBreak.Sequence));
    }

    [Fact]
    public async Task Verify_LastRecordDeleted_ReportsItThroughTheHead()
    {
        await AppendHundredAsync();
        await _workspace.ExecuteRawAsync("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE sequence = 100;");

        var result = await _log.VerifyAsync(CancellationToken.None);

        Assert.Equal((AuditBreakKind.Deleted, 100L), (result.FirstBreak!.Kind, result.FirstBreak.Sequence));
        Assert.Equal(99, result.RecordsVerified);
    }

    [Fact]
    public async Task Verify_TwoRecordsSwapped_ReportsReordering()
    {
        await AppendHundredAsync();
        await _workspace.ExecuteRawAsync("""
            DROP TRIGGER audit_log_no_update;
            UPDATE audit_log SET sequence = 1000 WHERE sequence = 20;
            UPDATE audit_log SET sequence = 20 WHERE sequence = 21;
            UPDATE audit_log SET sequence = 21 WHERE sequence = 1000;
            """);

        var result = await _log.VerifyAsync(CancellationToken.None);

        Assert.Equal((AuditBreakKind.Reordered, 20L), (result.FirstBreak!.Kind, result.FirstBreak.Sequence));
    }

    [Fact]
    public async Task Verify_ForgedRecordInsertedMidChain_ReportsTheInsertion()
    {
        var records = await AppendHundredAsync();

        // A forger who knows the algorithm links a new record to #59 and shifts the rest; #60 (the old one) now
        // links past the forged record.
        var forged = Forge(records[58].Hash, "01J00000000000000000000000");
        await _workspace.ExecuteRawAsync($$"""
            DROP TRIGGER audit_log_no_update;
            UPDATE audit_log SET sequence = sequence + 1001 WHERE sequence >= 60;
            UPDATE audit_log SET sequence = sequence - 1000 WHERE sequence > 1000;
            INSERT INTO audit_log VALUES (60, '01J00000000000000000000000', 'boot-2026-02-17-001', 'APPROVED', 'human:mallory',
                '2026-02-17T10:00:00.0000000Z', '{}', '{{records[58].Hash}}', '{{forged}}');
            UPDATE audit_head SET sequence = 101;
            """);

        var result = await _log.VerifyAsync(CancellationToken.None);

        Assert.Equal((AuditBreakKind.Inserted, 60L), (result.FirstBreak!.Kind, result.FirstBreak.Sequence));
        Assert.Equal(60, result.RecordsVerified);
    }

    [Fact]
    public async Task Verify_RecordAppendedAfterTheHead_ReportsTheInsertion()
    {
        var records = await AppendHundredAsync();
        var forged = Forge(records[99].Hash, "01J00000000000000000000001");
        await _workspace.ExecuteRawAsync($$"""
            INSERT INTO audit_log VALUES (101, '01J00000000000000000000001', 'boot-2026-02-17-001', 'APPROVED', 'human:mallory',
                '2026-02-17T10:00:00.0000000Z', '{}', '{{records[99].Hash}}', '{{forged}}');
            """);

        var result = await _log.VerifyAsync(CancellationToken.None);

        Assert.Equal((AuditBreakKind.Inserted, 101L), (result.FirstBreak!.Kind, result.FirstBreak.Sequence));
    }

    [Fact]
    public async Task AuditTable_RefusesUpdateAndDelete()
    {
        await AppendHundredAsync();

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => _workspace.ExecuteRawAsync("UPDATE audit_log SET actor = 'x' WHERE sequence = 1;"));
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => _workspace.ExecuteRawAsync("DELETE FROM audit_log WHERE sequence = 1;"));
        Assert.True((await _log.VerifyAsync(CancellationToken.None)).IsValid);
    }

    private static string Forge(string previousHash, string auditId) =>
        Sha256Hex(previousHash + "{\"action\":\"APPROVED\",\"actor\":\"human:mallory\",\"audit_id\":\"" + auditId
            + "\",\"bootstrap_id\":\"boot-2026-02-17-001\",\"details\":{},\"timestamp\":\"2026-02-17T10:00:00.0000000Z\"}");

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    // 100 records appended in batches of 1, 9 and 10 (a batch is one transaction).
    private async Task<List<AuditRecord>> AppendHundredAsync()
    {
        var all = new List<AuditRecord>();
        var n = 0;
        foreach (var size in new[] { 1, 9 }.Concat(Enumerable.Repeat(10, 9)))
        {
            var batch = Enumerable.Range(0, size).Select(_ =>
            {
                n++;
                return AuditEntry.Create($"boot-2026-02-17-{1 + (n % 3):D3}", "RETRIED", Actor.System("orchestrator"),
                    T0 + TimeSpan.FromSeconds(n), ("retry", n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }).ToList();
            all.AddRange(await _log.AppendAsync(batch, CancellationToken.None));
        }

        Assert.Equal(100, all.Count);
        return all;
    }
}
