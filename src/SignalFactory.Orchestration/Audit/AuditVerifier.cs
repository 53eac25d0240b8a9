namespace SignalFactory.Orchestration.Audit;

/// <summary>
/// Walks a stored audit chain in sequence order and reports the first broken link. For each row: a gap in the
/// positions is a deletion; a row whose <c>prev_hash</c> is not the previous row's hash is classified by what it
/// links to (a later row: reordered; an earlier row than its predecessor: the rows between were inserted; nothing,
/// with its own hash intact: its predecessor was deleted; otherwise edited); a row whose recomputed hash differs
/// from its stored hash was edited. Finally the stored head must name the last row and its hash, which catches
/// records cut from, or added after, the end.
/// </summary>
public static class AuditVerifier
{
    /// <summary>Verifies the chain <paramref name="source"/> holds.</summary>
    public static async Task<AuditVerificationResult> VerifyAsync(IAuditChainSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var head = await source.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        var previous = AuditHashing.GenesisHash;
        long verified = 0;

        await foreach (var row in source.ReadInOrderAsync(cancellationToken).ConfigureAwait(false))
        {
            var position = verified + 1;
            if (row.Sequence != position)
            {
                var message = row.Sequence > position
                    ? $"Audit record #{position} is missing (deleted); the chain continues at #{row.Sequence}."
                    : $"Audit record #{row.Sequence} has an impossible position.";
                return Broken(AuditBreakKind.Deleted, position, null, message);
            }

            var computed = TryComputeHash(row);
            if (!string.Equals(row.PrevHash, previous, StringComparison.Ordinal))
            {
                var linked = await source.FindSequenceByHashAsync(row.PrevHash, cancellationToken).ConfigureAwait(false);
                return Stop(ClassifyLink(row, linked, computed));
            }

            if (computed is null)
            {
                return Broken(AuditBreakKind.Edited, position, row.AuditId,
                    $"Audit record #{position} ({row.AuditId}) was edited: a field is no longer in its stored form.");
            }

            if (!string.Equals(computed, row.Hash, StringComparison.Ordinal))
            {
                return Broken(AuditBreakKind.Edited, position, row.AuditId,
                    $"Audit record #{position} ({row.AuditId}) was edited: its content does not match its hash.");
            }

            previous = row.Hash;
            verified = position;
        }

        var endBreak = CheckHead(head, verified, previous);
        return new AuditVerificationResult(verified, previous, endBreak);

        AuditVerificationResult Broken(AuditBreakKind kind, long sequence, string? auditId, string message) =>
            Stop(new AuditBreak(kind, sequence, auditId, message));

        AuditVerificationResult Stop(AuditBreak found) => new(verified, previous, found);
    }

    /// <summary>The hash a row should have from its own fields and stored <c>prev_hash</c>; null when a field is malformed.</summary>
    internal static string? TryComputeHash(AuditRow row)
    {
        if (!Actor.TryParse(row.Actor, out _)
            || !AuditHashing.TryParseTimestamp(row.Timestamp, out _)
            || !AuditHashing.TryParseDetails(row.Details, out var details))
        {
            return null;
        }

        try
        {
            var json = AuditHashing.CanonicalJson(row.AuditId, row.BootstrapId, row.Action, row.Actor, row.Timestamp, details);
            return AuditHashing.ComputeHash(row.PrevHash, json);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static AuditBreak ClassifyLink(AuditRow row, long? linked, string? computed)
    {
        var position = row.Sequence;
        if (linked > position)
        {
            return new AuditBreak(AuditBreakKind.Reordered, position, row.AuditId,
                $"Audit record #{position} ({row.AuditId}) links to record #{linked}, which now comes after it: records were reordered.");
        }

        if (linked is { } earlier && earlier < position - 1)
        {
            return new AuditBreak(AuditBreakKind.Inserted, earlier + 1, null,
                $"Audit record #{position} links to record #{earlier}: records #{earlier + 1}..#{position - 1} are not part of the chain (inserted).");
        }

        if (linked is null && string.Equals(computed, row.Hash, StringComparison.Ordinal))
        {
            return new AuditBreak(AuditBreakKind.Deleted, position, row.AuditId,
                $"Audit record #{position} ({row.AuditId}) links to a record that no longer exists: the record before it was deleted.");
        }

        return new AuditBreak(AuditBreakKind.Edited, position, row.AuditId,
            $"Audit record #{position} ({row.AuditId}) was edited: it neither matches its hash nor links to record #{position - 1}.");
    }

    private static AuditBreak? CheckHead(AuditHead? head, long verified, string lastHash)
    {
        if (head is null)
        {
            return verified == 0
                ? null
                : new AuditBreak(AuditBreakKind.Edited, verified, null, "The audit chain head is missing: it was deleted or edited.");
        }

        if (head.Sequence > verified)
        {
            return new AuditBreak(AuditBreakKind.Deleted, verified + 1, null,
                $"Audit records #{verified + 1}..#{head.Sequence} are missing from the end of the chain (deleted).");
        }

        if (head.Sequence < verified)
        {
            return new AuditBreak(AuditBreakKind.Inserted, head.Sequence + 1, null,
                $"Audit records #{head.Sequence + 1}..#{verified} follow the chain head (inserted).");
        }

        return string.Equals(head.Hash, lastHash, StringComparison.Ordinal)
            ? null
            : new AuditBreak(AuditBreakKind.Edited, verified, null,
                $"Audit record #{verified} is not the record the chain head names: it was replaced.");
    }
}
