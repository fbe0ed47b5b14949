using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Reconciliation;
using Portal.Core.Reconciliation.Bank;
using Portal.Testing;

namespace Portal.Core.Tests.Reconciliation.Bank;

/// <summary>Importing statements: all lines or none, the same file once, an overlapping statement's lines once, payouts matched on the way.</summary>
public class BankStatementImportTests
{
    private const string StripePayout = "po_1QaBcDeFgHiJkLmNoPqRsTuV";

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_statement_is_imported_whole_and_its_payout_matched_and_audited(DatabaseProvider provider)
    {
        await using var bank = await BankReconciliation.CreateAsync(provider);
        var payoutId = await bank.PayoutAsync(StripePayout, 123456, new DateOnly(2026, 3, 3));

        var result = await bank.ImportAsync("march.xml", Samples.Read("camt053-v02.xml"));

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal((3, 0, 1), (result.Imported, result.Skipped, result.Matching!.Matched));
        var statement = await bank.QueryAsync(db => db.BankStatements.SingleAsync());
        Assert.Equal(
            ("camt.053", "DE89370400440532013000", 3, BankReconciliation.Actor),
            (statement.Format, statement.AccountIdentifier, statement.LineCount, statement.ImportedBy));
        var lines = await bank.QueryAsync(db => db.BankLines.OrderBy(l => l.BookedOn).ToListAsync());
        Assert.Equal(
            [(BankLineStatus.Matched, (long?)payoutId), (BankLineStatus.Unmatched, null), (BankLineStatus.Unmatched, null)],
            lines.Select(l => (l.Status, l.PayoutId)));
        Assert.Equal(lines[0].Id, (await bank.QueryAsync(db => db.Payouts.SingleAsync())).BankLineId);
        var audit = await bank.QueryAsync(db => db.AuditRecords.OrderBy(a => a.Id).Select(a => new { a.Action, a.Subject, a.Details }).ToListAsync());
        Assert.Equal(["bank.statement-imported", "bank.payout-matched"], audit.Select(a => a.Action));
        Assert.Equal($"payout:{StripePayout}", audit[1].Subject);
        Assert.Contains("id is in the bank line's reference", audit[1].Details, StringComparison.Ordinal);
        Assert.Equal(0, await bank.QueryAsync(db => db.ReconciliationExceptions.CountAsync()));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_same_file_is_refused_and_an_overlapping_statement_adds_only_its_new_lines(DatabaseProvider provider)
    {
        await using var bank = await BankReconciliation.CreateAsync(provider);
        Assert.True((await bank.ImportAsync("march.xml", Samples.Read("camt053-v02.xml"))).Succeeded);
        Assert.True((await bank.ImportAsync("march.csv", Samples.Read("sparkasse.csv"))).Succeeded);

        var again = await bank.ImportAsync("march-copy.xml", Samples.Read("camt053-v02.xml"));
        var csvAgain = await bank.ImportAsync("march.csv", Samples.Read("sparkasse.csv"));
        var overlapping = await bank.ImportAsync("march-2.xml", Encoding.UTF8
            .GetBytes(Encoding.UTF8.GetString(Samples.Read("camt053-v02.xml")).Replace("</Stmt>", NewEntry + "</Stmt>", StringComparison.Ordinal)));
        var csvOverlapping = await bank.ImportAsync("march-2.csv", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Samples.Read("sparkasse.csv")) +
            "\"DE89370400440532013000\";\"05.03.26\";\"05.03.26\";\"GUTSCHR. UEBERWEISUNG\";\"Spende Kinderdorf Nairobi; danke!\";\"\";\"\";" +
            "\"NOTPROVIDED\";\"\";\"\";\"\";\"Erika Mustermann\";\"DE02120300000000202051\";\"BYLADEM1001\";\"50,00\";\"EUR\";\"Umsatz gebucht\"\n"));

        Assert.Contains("already imported", again.Problems.Single().Message, StringComparison.Ordinal);
        Assert.Contains("march.xml", again.Problems.Single().Message, StringComparison.Ordinal);
        Assert.False(csvAgain.Succeeded);
        Assert.Equal((1, 3), (overlapping.Imported, overlapping.Skipped));
        // The same donor giving the same amount twice on one day is two lines, not one seen twice.
        Assert.Equal((1, 3), (csvOverlapping.Imported, csvOverlapping.Skipped));
        // The CSV export of March brought nothing the CAMT.053 statement had not: 3 + 0 + 1 + 1.
        Assert.Equal(5, await bank.QueryAsync(db => db.BankLines.CountAsync()));
        Assert.Equal(4, await bank.QueryAsync(db => db.BankStatements.CountAsync()));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_same_bookings_as_CAMT_053_and_as_CSV_are_imported_once_in_either_order_and_the_payout_matched_once(
        DatabaseProvider provider)
    {
        foreach (var (first, second) in new[] { ("camt053-v02.xml", "sparkasse.csv"), ("sparkasse.csv", "camt053-v02.xml") })
        {
            await using var bank = await BankReconciliation.CreateAsync(provider);
            var payoutId = await bank.PayoutAsync(StripePayout, 123456, new DateOnly(2026, 3, 3));

            var a = await bank.ImportAsync(first, Samples.Read(first));
            var b = await bank.ImportAsync(second, Samples.Read(second));

            Assert.True(a.Succeeded && b.Succeeded, string.Join("; ", a.Problems.Concat(b.Problems)));
            Assert.Equal((3, 0, 0, 3), (a.Imported, a.Skipped, b.Imported, b.Skipped));
            var lines = await bank.QueryAsync(db => db.BankLines.OrderBy(l => l.BookedOn).ToListAsync());
            Assert.Equal(
                [(new DateOnly(2026, 3, 3), 123456L), (new DateOnly(2026, 3, 4), -1290L), (new DateOnly(2026, 3, 5), 5000L)],
                lines.Select(l => (l.BookedOn, l.AmountMinor)));
            Assert.Equal([payoutId], lines.Where(l => l.Status == BankLineStatus.Matched).Select(l => l.PayoutId!.Value));
            Assert.Equal(0, await bank.QueryAsync(db => db.ReconciliationExceptions.CountAsync()));
            var imported = await bank.QueryAsync(db => db.AuditRecords.Where(r => r.Action == "bank.statement-imported")
                .OrderBy(r => r.Id).Select(r => r.Details).ToListAsync());
            Assert.Contains("0 lines imported, 3 already imported", imported[1], StringComparison.Ordinal);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_CSV_export_with_one_more_equal_transfer_that_day_adds_that_one_and_spaces_in_the_IBAN_change_nothing(
        DatabaseProvider provider)
    {
        await using var bank = await BankReconciliation.CreateAsync(provider);
        Assert.True((await bank.ImportAsync("march.xml", Samples.Read("camt053-v02.xml"))).Succeeded);
        var csv = Encoding.UTF8.GetString(Samples.Read("sparkasse.csv")).Replace(
            "\"DE89370400440532013000\"", "\"de89 3704 0044 0532 0130 00\"", StringComparison.Ordinal);

        var result = await bank.ImportAsync("march.csv", Encoding.UTF8.GetBytes(csv +
            "\"DE89 3704 0044 0532 0130 00\";\"05.03.26\";\"05.03.26\";\"GUTSCHR. UEBERWEISUNG\";\"Spende Lima\";\"\";\"\";" +
            "\"NOTPROVIDED\";\"\";\"\";\"\";\"Max Muster\";\"DE02120300000000202051\";\"BYLADEM1001\";\"50,00\";\"EUR\";\"Umsatz gebucht\"\n"));

        Assert.Equal((1, 3), (result.Imported, result.Skipped));
        var added = await bank.QueryAsync(db => db.BankLines.OrderByDescending(l => l.Id).FirstAsync());
        Assert.Equal(("Max Muster", 5000L, "DE89370400440532013000:2026-03-05:EUR5000:2"), (added.Counterparty, added.AmountMinor, added.BookingKey));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_file_with_a_bad_entry_or_a_DOCTYPE_writes_nothing(DatabaseProvider provider)
    {
        await using var bank = await BankReconciliation.CreateAsync(provider);

        var bad = await bank.ImportAsync("bad.xml", Samples.Read("camt053-bad.xml"));
        var doctype = await bank.ImportAsync("evil.xml", Samples.Read("camt053-doctype.xml"));
        var badCsv = await bank.ImportAsync("bad.csv", Samples.Read("sparkasse-bad.csv"));
        var forced = await bank.ImportAsync("statement.xml", Samples.Read("camt053-v02.xml"), BankFileFormat.Csv);

        Assert.Equal(7, bad.Problems.Count);
        Assert.Equal("DOCTYPE", doctype.Problems.Single().Field);
        Assert.Equal(6, badCsv.Problems.Count);
        Assert.Equal("Buchungstag", forced.Problems[0].Field);
        Assert.Equal(0, await bank.QueryAsync(db => db.BankStatements.CountAsync()));
        Assert.Equal(0, await bank.QueryAsync(db => db.BankLines.CountAsync()));
        Assert.Equal(0, await bank.QueryAsync(db => db.AuditRecords.CountAsync()));
    }

    private const string NewEntry = """
        <Ntry>
          <Amt Ccy="EUR">20.00</Amt>
          <CdtDbtInd>CRDT</CdtDbtInd>
          <Sts>BOOK</Sts>
          <BookgDt><Dt>2026-03-06</Dt></BookgDt>
          <AcctSvcrRef>2026030600000001</AcctSvcrRef>
        </Ntry>
        """;
}
