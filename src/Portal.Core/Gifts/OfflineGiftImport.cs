using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Donors.Care;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Spending;

namespace Portal.Core.Gifts;

/// <summary>What a batch import did: every gift, or nothing and every rejected row with its reason.</summary>
public sealed record OfflineGiftBatch(int Imported, IReadOnlyList<GiftProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Imports a batch of offline gifts (a cheque list, a street collection's donors) from CSV, as spending imports do: every
/// row is checked first, and a file with any bad row imports nothing and names each one with its line and reason. Each
/// row's key (the file's SHA-256 and its line) is unique, so the same file imported again, even twice at once, adds
/// nothing. All gifts of the file post, are receipted and audited in one transaction.
/// </summary>
public sealed class OfflineGiftImport(
    PortalDbContext db, OfflineGiftPosting posting, Journal journal, AuditLog audit, CharityCalendar calendar)
{
    public const int MaxRows = 2_000;
    public const string Header = "email,name,country,fund,date,amount,currency,method";
    private static readonly string[] Columns = Header.Split(',');

    public async Task<OfflineGiftBatch> ImportAsync(byte[] content, string actorId, string actorName, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var rows = new List<(int Line, OfflineGiftInput Input)>();
        var problems = new List<GiftProblem>();
        using (var reader = new StringReader(new UTF8Encoding(false).GetString(content).TrimStart('\uFEFF')))
        {
            var csv = CsvRows.Read(reader).GetEnumerator();
            if (!csv.MoveNext() || !csv.Current.Fields.Select(f => f.Trim().ToLowerInvariant()).SequenceEqual(Columns))
            {
                return new OfflineGiftBatch(0, [new GiftProblem(1, "header", $"The first line must be the header: {Header}")]);
            }

            while (csv.MoveNext())
            {
                var (line, fields) = csv.Current;
                if (fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (rows.Count + problems.Count >= MaxRows)
                {
                    problems.Add(new GiftProblem(line, "file", $"A file may hold at most {MaxRows} rows; split it."));
                    break;
                }

                if (fields.Count != Columns.Length)
                {
                    problems.Add(new GiftProblem(line, "row", $"Expected {Columns.Length} columns ({Header}), found {fields.Count}."));
                    continue;
                }

                rows.Add((line, new OfflineGiftInput(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7])));
            }
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            return new OfflineGiftBatch(0, [new GiftProblem(2, "file", "The file has no gifts below its header.")]);
        }

        var keys = rows.Select(r => Key(hash, r.Line)).ToList();
        if (await db.OfflineGifts.AnyAsync(g => keys.Take(500).Contains(g.ImportKey!), cancellationToken))
        {
            return new OfflineGiftBatch(0, [new GiftProblem(0, "file", "This file was imported already; its gifts are recorded.")]);
        }

        var funds = await db.Funds.AsNoTracking().ToListAsync(cancellationToken);
        var known = await GiftDonors.KnownAsync(db, rows.Select(r => r.Input.Email), cancellationToken);
        var locked = await journal.LockDateAsync(cancellationToken);
        var gifts = new List<(int Line, CheckedGift Gift)>();
        foreach (var (line, input) in rows)
        {
            if (OfflineGiftRules.Check(input, line, funds, known, calendar.Today, locked, problems) is { } gift)
            {
                gifts.Add((line, gift));
            }
        }

        if (problems.Count > 0)
        {
            return new OfflineGiftBatch(0, [.. problems.OrderBy(p => p.Line)]);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var (line, gift) in gifts)
            {
                var donor = GiftDonors.For(db, gift, known, calendar.UtcNow);
                var (_, charge) = await posting.PostAsync(
                    new GiftToPost(donor, gift.Fund, gift.Amount, gift.ReceivedOn, gift.Method, ImportKey: Key(hash, line)),
                    actorName,
                    cancellationToken);
                audit.Record(actorId, actorName, "gift.offline-imported", DonorCare.Subject(donor.Id),
                    $"{OfflineGiftPosting.Describe(gift.Method)} of {gift.Amount} received {gift.ReceivedOn:yyyy-MM-dd} for {gift.Fund.Code}, "
                        + $"receipt {charge.ReceiptNumber}, line {line} of file {hash[..12]}.");
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new OfflineGiftBatch(
                0, [new GiftProblem(0, "file", "This file is being imported or was imported a moment ago; look at the gifts.")]);
        }

        return new OfflineGiftBatch(gifts.Count, []);
    }

    private static string Key(string hash, int line) => $"{hash}:{line}";
}
