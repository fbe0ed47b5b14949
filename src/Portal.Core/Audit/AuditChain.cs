using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;

namespace Portal.Core.Audit;

/// <summary>
/// Makes the audit log tamper-evident. A job seals new records in order: each gets the next place in the chain, the
/// previous record's hash and its own hash over both and every field. Sealing afterwards, rather than as records are
/// written, keeps the writers (a donor's change, a staff action) from queueing on one chain head. Verifying walks the
/// chain and names the first record that was changed, removed or put in behind the portal's back.
/// </summary>
public sealed class AuditChain(IDbContextFactory<PortalDbContext> contexts, ILogger<AuditChain> logger)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const int BatchSize = 500;

    /// <returns>How many records were sealed.</returns>
    public async Task<int> SealAsync(CancellationToken cancellationToken)
    {
        var sealedCount = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var head = await db.AuditRecords.AsNoTracking().Where(r => r.ChainIndex != null).OrderByDescending(r => r.ChainIndex)
                .Select(r => new { r.ChainIndex, r.Hash }).FirstOrDefaultAsync(cancellationToken);
            var batch = await db.AuditRecords.Where(r => r.ChainIndex == null).OrderBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return sealedCount;
            }

            var index = head?.ChainIndex ?? 0;
            var previous = head?.Hash ?? Genesis;
            foreach (var record in batch)
            {
                record.ChainIndex = ++index;
                record.PreviousHash = previous;
                record.PersonalDigest = PersonalDigestOf(record);
                record.Hash = HashOf(record, previous);
                previous = record.Hash;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException error)
            {
                // Another sealer took these places first; it seals the rest.
                Hosting.HostingLog.AuditChainRaced(logger, error.InnerException?.Message ?? error.Message);
                return sealedCount;
            }

            sealedCount += batch.Count;
        }
    }

    /// <summary>Walks the sealed chain from its start. Streams, so a long log is read once without holding it.</summary>
    public async Task<ChainCheck> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var previous = Genesis;
        long expected = 1;
        await foreach (var record in db.AuditRecords.AsNoTracking().Where(r => r.ChainIndex != null).OrderBy(r => r.ChainIndex).AsAsyncEnumerable()
            .WithCancellation(cancellationToken))
        {
            if (record.ChainIndex != expected)
            {
                return ChainCheck.Broken(
                    expected - 1,
                    record,
                    $"Record {expected} of the chain is missing: the chain goes from {expected - 1} to {record.ChainIndex}.");
            }

            if (record.PreviousHash != previous)
            {
                return ChainCheck.Broken(
                    expected - 1,
                    record,
                    $"Record {record.ChainIndex} (audit id {record.Id}) does not follow the record before it.");
            }

            if (!ContentMatches(record, previous))
            {
                return ChainCheck.Broken(expected - 1, record, $"Record {record.ChainIndex} (audit id {record.Id}) was changed after it was sealed.");
            }

            previous = record.Hash!;
            expected++;
        }

        var unsealed = await db.AuditRecords.CountAsync(r => r.ChainIndex == null, cancellationToken);
        return new ChainCheck(true, expected - 1, unsealed, null, null);
    }

    /// <summary>
    /// Records sealed with a digest are checked in two parts: the hash over the digest, and the digest over the text
    /// unless an erasure replaced the text. A record sealed before digests that was redacted can only be checked by
    /// its place in the chain (its hash is kept and the next record still points at it): see decision 025.
    /// </summary>
    private static bool ContentMatches(AuditRecord record, string previous)
    {
        if (record.PersonalDigest is null)
        {
            return record.RedactedAt is not null || record.Hash == HashOf(record, previous);
        }

        return record.Hash == HashOf(record, previous) && (record.RedactedAt is not null || record.PersonalDigest == PersonalDigestOf(record));
    }

    /// <summary>The chain hash: over the personal text's digest when the record has one, else over the text (records before 025).</summary>
    public static string HashOf(AuditRecord record, string previous)
    {
        var fields = new List<string?>
        {
            previous,
            record.ChainIndex?.ToString(CultureInfo.InvariantCulture),
            record.Id.ToString(CultureInfo.InvariantCulture),
            record.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            record.ActorId,
        };
        fields.AddRange(record.PersonalDigest is null
            ? [record.ActorName, record.Action, record.Subject ?? "", record.Details ?? "", record.IpAddress ?? ""]
            : [record.Action, record.Subject ?? "", record.PersonalDigest]);

        return Sha256(string.Join('\u001f', fields));
    }

    public static string PersonalDigestOf(AuditRecord record) =>
        Sha256(string.Join('\u001f', record.ActorName, record.Details ?? "", record.IpAddress ?? ""));

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <param name="Intact">True when every sealed record is as it was sealed and none is missing.</param>
/// <param name="Verified">How many records were checked and found intact before the first broken one.</param>
/// <param name="Unsealed">Records written since the last seal (checked from the next seal on).</param>
/// <param name="FirstBroken">The first record that fails the check.</param>
public sealed record ChainCheck(bool Intact, long Verified, int Unsealed, AuditRecord? FirstBroken, string? Problem)
{
    public static ChainCheck Broken(long verified, AuditRecord record, string problem) => new(false, verified, 0, record, problem);
}
