using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Reconciliation.Bank;

/// <summary>What an import did: the lines it added and those an earlier statement had already brought, or nothing and every reason why.</summary>
public sealed record BankImportResult(int Imported, int Skipped, IReadOnlyList<BankProblem> Problems, BankMatchReport? Matching)
{
    public bool Succeeded => Problems.Count == 0;

    public static BankImportResult Refused(params BankProblem[] problems) => new(0, 0, problems, null);
}

/// <summary>
/// Imports a bank statement (CSV or CAMT.053): all lines or, when any is bad, none, with every problem named. The same
/// file twice is refused by its SHA-256; a line an overlapping statement already brought is skipped by its key. Then
/// payouts are matched to the new lines.
/// </summary>
public sealed class BankStatementImport(
    PortalDbContext db,
    AuditLog audit,
    CharityCalendar calendar,
    IOptions<BankCsvOptions> csv,
    MatchPayoutsToBank matcher)
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public async Task<BankImportResult> ImportAsync(
        string fileName,
        byte[] content,
        BankFileFormat? format,
        string actorId,
        string actorName,
        CancellationToken cancellationToken)
    {
        if (content.Length is 0 or > MaxBytes)
        {
            return BankImportResult.Refused(new BankProblem(
                0,
                null,
                "file",
                content.Length == 0 ? "The file is empty." : $"The file is larger than {MaxBytes / 1024 / 1024} MB; export a shorter period."));
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var earlier = await db.BankStatements.AsNoTracking().Where(s => s.ContentHash == hash).FirstOrDefaultAsync(cancellationToken);
        if (earlier is not null)
        {
            return BankImportResult.Refused(new BankProblem(
                0,
                null,
                "file",
                $"This file was already imported on {calendar.DateOf(earlier.ImportedAt):yyyy-MM-dd} by {earlier.ImportedBy} "
                    + $"(as {earlier.FileName})."));
        }

        var parsed = (format ?? Detect(content)) == BankFileFormat.Camt053 ? Camt053Parser.Parse(content) : BankCsvParser.Parse(content, csv.Value);
        if (!parsed.Succeeded)
        {
            return BankImportResult.Refused([.. parsed.Problems]);
        }

        var keyed = BankLineKeys.Assign(parsed.Lines);
        var formatName = parsed.Format == BankFileFormat.Camt053 ? "camt.053" : "csv";
        var taken = new HashSet<string>();
        var bookedElsewhere = new HashSet<string>();
        foreach (var chunk in keyed.Select(k => k.Key).Distinct().Chunk(500))
        {
            taken.UnionWith(await db.BankLines.Where(l => chunk.Contains(l.LineKey)).Select(l => l.LineKey).ToListAsync(cancellationToken));
        }

        // The same booking already brought by a statement of the other format (the CAMT.053 and the CSV export of one account).
        foreach (var chunk in keyed.Select(k => k.BookingKey).Distinct().Chunk(500))
        {
            bookedElsewhere.UnionWith(await db.BankLines.Where(l => chunk.Contains(l.BookingKey!))
                .Join(db.BankStatements.Where(s => s.Format != formatName), l => l.BankStatementId, s => s.Id, (l, s) => l.BookingKey!)
                .ToListAsync(cancellationToken));
        }

        // A key seen twice in one file (two statements of one account that overlap) is one line too.
        var fresh = keyed.Where(k => !bookedElsewhere.Contains(k.BookingKey) && taken.Add(k.Key)).ToList();
        var statement = new BankStatement
        {
            FileName = Limit(Path.GetFileName(fileName), 255) ?? "statement",
            Format = formatName,
            AccountIdentifier = string.Join(", ", parsed.Accounts) is { Length: > 0 and <= 64 } accounts ? accounts : null,
            ContentHash = hash,
            LineCount = fresh.Count,
            ImportedAt = calendar.UtcNow,
            ImportedBy = actorName,
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.BankStatements.Add(statement);
            await db.SaveChangesAsync(cancellationToken);
            db.BankLines.AddRange(fresh.Select(k => NewLine(statement.Id, k)));
            audit.Record(actorId, actorName, "bank.statement-imported", $"bank-statement:{statement.Id}",
                $"{statement.Format} '{statement.FileName}': {fresh.Count} lines imported, {keyed.Count - fresh.Count} already imported.");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // The matcher links with set-based updates; the lines tracked here would only be stale copies.
        db.ChangeTracker.Clear();
        var matching = await matcher.RunAsync(actorId, actorName, cancellationToken);
        return new BankImportResult(fresh.Count, keyed.Count - fresh.Count, [], matching);
    }

    /// <summary>CAMT.053 when the file starts with an XML tag, otherwise CSV.</summary>
    public static BankFileFormat Detect(byte[] content)
    {
        var start = BankCsvParser.Decode(content[..Math.Min(content.Length, 1024)]).TrimStart();
        return start.StartsWith('<') ? BankFileFormat.Camt053 : BankFileFormat.Csv;
    }

    private static BankLine NewLine(long statementId, KeyedLine keyed) => new()
    {
        BankStatementId = statementId,
        LineKey = keyed.Key,
        BookingKey = keyed.BookingKey,
        BookedOn = keyed.Line.BookedOn,
        AmountMinor = keyed.Line.Amount.Minor,
        Currency = keyed.Line.Amount.Currency.Code,
        Reference = Limit(keyed.Line.Reference, 300),
        Counterparty = Limit(keyed.Line.Counterparty, 200),
        Description = Limit(keyed.Line.Description, 500),
        CounterpartyAccount = keyed.Line.CounterpartyAccount is { } account && BankLineKeys.Account(account) is { Length: <= 34 } iban and not "-"
            ? iban : null,
        CreditorReference = Limit(keyed.Line.CreditorReference, 35),
        Status = BankLineStatus.Unmatched,
    };

    private static string? Limit(string? text, int length) => text is { Length: > 0 } ? text.Length > length ? text[..length] : text : null;
}
