using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Shared;

namespace Portal.Core.Spending;

/// <summary>One line of spending as staff typed it or a CSV row held it, before it is checked.</summary>
public sealed record SpendingInput(
    string? Fund,
    string? Category,
    string? Date,
    string? Amount,
    string? Currency,
    string? Description,
    string? Reference);

/// <summary>What an import did: everything, or nothing and every reason why.</summary>
public sealed record SpendingImport(int Imported, IReadOnlyList<SpendingProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <param name="Line">The CSV line the row starts on (1 is the header); 0 for a form.</param>
public sealed record SpendingProblem(int Line, string Field, string Message);

/// <summary>
/// Records how funds spent their money: one line from a form, or a CSV from the accounting system. Every line is
/// checked first; a file with any bad row imports nothing and reports every bad row with its line and reason. Each
/// record posts its entry (the fund's spending against the bank) in the same transaction.
/// </summary>
public sealed class SpendingBook(PortalDbContext db, Journal journal, AuditLog audit, CharityCalendar calendar)
{
    public const int MaxRows = 10_000;
    public const string Header = "fund,category,date,amount,currency,description,reference";
    private static readonly string[] Columns = Header.Split(',');

    public async Task<IReadOnlyList<SpendingProblem>> AddAsync(
        SpendingInput input,
        string actorId,
        string actorName,
        CancellationToken cancellationToken)
    {
        var funds = await FundsAsync(cancellationToken);
        var problems = new List<SpendingProblem>();
        var record = Check(input, 0, funds, problems, actorName, await journal.LockDateAsync(cancellationToken));
        if (record is not null && await ReferenceTakenAsync(record, cancellationToken))
        {
            problems.Add(new SpendingProblem(0, "reference", $"Reference '{record.Reference}' is already recorded for this fund."));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        await PostAsync([record!], funds, cancellationToken);
        audit.Record(
            actorId,
            actorName,
            "spending.recorded",
            record!.Id.ToString(),
            $"{record.Currency} {record.AmountMinor} {record.Category} {record.Reference}");
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public async Task<SpendingImport> ImportAsync(TextReader csv, string actorId, string actorName, CancellationToken cancellationToken)
    {
        var funds = await FundsAsync(cancellationToken);
        var locked = await journal.LockDateAsync(cancellationToken);
        var problems = new List<SpendingProblem>();
        var records = new List<(int Line, SpendingRecord Record)>();
        var rows = CsvRows.Read(csv).GetEnumerator();
        if (!rows.MoveNext() || !rows.Current.Fields.Select(f => f.Trim().ToLowerInvariant()).SequenceEqual(Columns))
        {
            return new SpendingImport(0, [new SpendingProblem(1, "header", $"The first line must be the header: {Header}")]);
        }

        while (rows.MoveNext())
        {
            var (line, fields) = rows.Current;
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (records.Count + problems.Count >= MaxRows)
            {
                problems.Add(new SpendingProblem(line, "file", $"A file may hold at most {MaxRows} rows; split it."));
                break;
            }

            if (fields.Count != Columns.Length)
            {
                problems.Add(new SpendingProblem(line, "row", $"Expected {Columns.Length} columns ({Header}), found {fields.Count}."));
                continue;
            }

            var record = Check(
                new SpendingInput(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]),
                line,
                funds,
                problems,
                actorName,
                locked);
            if (record is not null)
            {
                records.Add((line, record));
            }
        }

        foreach (var duplicate in records.Where(r => r.Record.Reference is not null)
            .GroupBy(r => (r.Record.FundId, r.Record.Reference)).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            problems.Add(new SpendingProblem(
                duplicate.Line,
                "reference",
                $"Reference '{duplicate.Record.Reference}' appears more than once for this fund in the file."));
        }

        var references = records.Where(r => r.Record.Reference is not null).Select(r => r.Record.Reference!).Distinct().ToList();
        var taken = await db.SpendingRecords.Where(s => s.Reference != null && references.Contains(s.Reference))
            .Select(s => new { s.FundId, s.Reference }).ToListAsync(cancellationToken);
        foreach (var (line, record) in records.Where(r => taken.Any(t => t.FundId == r.Record.FundId && t.Reference == r.Record.Reference)))
        {
            problems.Add(
                new SpendingProblem(line, "reference", $"Reference '{record.Reference}' is already recorded for this fund (imported before?)."));
        }

        if (problems.Count > 0)
        {
            return new SpendingImport(0, [.. problems.OrderBy(p => p.Line)]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await PostAsync(records.Select(r => r.Record).ToList(), funds, cancellationToken);
        audit.Record(actorId, actorName, "spending.imported", details: $"{records.Count} rows");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SpendingImport(records.Count, []);
    }

    private SpendingRecord? Check(
        SpendingInput input,
        int line,
        IReadOnlyList<Fund> funds,
        List<SpendingProblem> problems,
        string actorName,
        DateOnly? locked)
    {
        var before = problems.Count;
        void Problem(string field, string message) => problems.Add(new SpendingProblem(line, field, message));

        var fund = funds.FirstOrDefault(f => string.Equals(f.Slug, input.Fund?.Trim(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(f.Code, input.Fund?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (fund is null)
        {
            Problem(
                "fund",
                string.IsNullOrWhiteSpace(input.Fund) ? "The fund is missing." : $"No fund '{input.Fund.Trim()}' (use its code or web name).");
        }

        var category = SpendingCategories.FromCode(input.Category);
        if (category is null)
        {
            Problem("category", $"Category must be one of {string.Join(", ", SpendingCategories.All.Select(c => c.Code))}.");
        }

        var today = calendar.Today;
        if (!DateOnly.TryParseExact(input.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var spentOn))
        {
            Problem("date", "The date must be written as YYYY-MM-DD.");
        }
        else if (spentOn > today)
        {
            Problem("date", "The date is in the future.");
        }
        else if (spentOn < today.AddYears(-10))
        {
            Problem("date", "The date is more than ten years ago.");
        }
        else if (locked is { } through && spentOn <= through)
        {
            Problem(
                "date",
                $"{spentOn:yyyy-MM-dd} falls in a closed period (the ledger is closed through {through:yyyy-MM-dd}); record it in the open period.");
        }

        Money amount = default;
        if (!Shared.Currency.TryParse(input.Currency?.Trim().ToUpperInvariant(), out var currency))
        {
            Problem("currency", "The currency must be an ISO 4217 code such as EUR.");
        }
        else if (!Money.TryParseMajor(input.Amount?.Trim(), currency, out amount) || amount.Minor <= 0)
        {
            Problem("amount", $"The amount must be a positive number with at most {currency.MinorDigits} decimals, like 1250.00.");
        }
        else if (amount.Minor > 100_000_000_00L)
        {
            Problem("amount", "The amount is larger than any single spending line should be; split it or check it.");
        }

        var description = input.Description?.Trim() ?? "";
        if (description.Length == 0)
        {
            Problem("description", "The description is missing.");
        }
        else if (description.Length > 500)
        {
            Problem("description", "The description is longer than 500 characters.");
        }

        var reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim();
        if (reference is { Length: > 100 })
        {
            Problem("reference", "The reference is longer than 100 characters.");
        }

        return problems.Count > before ? null : new SpendingRecord
        {
            FundId = fund!.Id,
            Category = category!.Value,
            SpentOn = spentOn,
            AmountMinor = amount.Minor,
            Currency = amount.Currency.Code,
            Description = description,
            Reference = reference,
            CreatedAt = calendar.UtcNow,
            CreatedBy = actorName,
        };
    }

    private async Task PostAsync(IReadOnlyList<SpendingRecord> records, IReadOnlyList<Fund> funds, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            var fund = funds.Single(f => f.Id == record.FundId);
            var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
            var amount = new Money(record.AmountMinor, Shared.Currency.Of(record.Currency));
            var draft = new JournalDraft(
                record.SpentOn,
                $"{SpendingCategories.Label(record.Category)}: {record.Description}",
                $"spending:{record.Id}",
                [DraftLine.Debit(new AccountRef(AccountKind.FundSpending, amount.Currency, owner), amount), DraftLine.Credit(
                    new AccountRef(AccountKind.Bank, amount.Currency),
                    amount)],
                fund.Id);
            await journal.PostAsync(draft, cancellationToken);
            db.SpendingRecords.Add(record);
        }
    }

    private Task<bool> ReferenceTakenAsync(SpendingRecord record, CancellationToken cancellationToken) =>
        record.Reference is null
            ? Task.FromResult(false)
            : db.SpendingRecords.AnyAsync(s => s.FundId == record.FundId && s.Reference == record.Reference, cancellationToken);

    private async Task<IReadOnlyList<Fund>> FundsAsync(CancellationToken cancellationToken) =>
        await db.Funds.AsNoTracking().ToListAsync(cancellationToken);
}
