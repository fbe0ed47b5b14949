using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Gifts;
using Portal.Core.Privacy;
using Portal.Core.Reconciliation.Bank;
using Portal.Core.Tests.Payments.Events;
using Portal.Testing;

namespace Portal.Core.Tests.Gifts;

/// <summary>
/// Donors' transfers on the imported statements are offered as gifts by reference, then account, then name; booking
/// one makes one gift however often it is booked or the statement imported, and the rest wait with their reason.
/// </summary>
public class BankCreditGiftsTests
{
    private const string Iban = "DE02120300000000202051";

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_credit_with_a_gift_reference_becomes_one_gift_however_often_it_is_booked_or_imported(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var (donorId, fundId, reference) = await DonorWithReferenceAsync(services);
        var before = await OfflineGifts.RaisedAsync(services, "nairobi");
        var credit = Entry("2026030500000001", 7_500, "2026-03-05", "Ada Lovelace", Iban, structured: reference, text: "Spende Nairobi");
        Assert.True((await ImportAsync(services, "march.xml", Camt(credit))).Succeeded);

        var queue = await Gifts(services, g => g.QueueAsync(1, CancellationToken.None));
        var offer = Assert.Single(queue.Offers);
        Assert.Equal((CreditMatch.Reference, donorId, fundId, true), (offer.How, offer.DonorId, offer.FundId, offer.Sure));
        var bookings = await Task.WhenAll(
            Gifts(services, g => g.BookAsync(offer.Line.Id, null, null, "staff-1", OfflineGifts.Actor, CancellationToken.None)),
            Gifts(services, g => g.BookAsync(offer.Line.Id, null, null, "staff-2", "other@charity.test", CancellationToken.None)));
        var again = await Gifts(services, g => g.BookMatchedAsync([offer.Line.Id], "staff-1", OfflineGifts.Actor, CancellationToken.None));

        Assert.Single(bookings, b => b.Booked);
        var receipt = bookings.Single(b => b.Booked).ReceiptNumber;
        Assert.All(bookings.Where(b => !b.Booked).Concat(again), b => Assert.Contains($"already booked as a gift (receipt {receipt})", b.Refusal));

        // The same booking again: an overlapping statement of the same format, then the bank's CSV export of that day.
        var overlapping = await ImportAsync(
            services, "march-2.xml", Camt(credit, Entry("2026030600000002", 1_000, "2026-03-06", "Grace Hopper", null)));
        var csv = await ImportAsync(services, "march.csv", Encoding.UTF8.GetBytes(
            "Auftragskonto;Buchungstag;Buchungstext;Verwendungszweck;Beguenstigter/Zahlungspflichtiger;Betrag;Waehrung\n"
            + $"DE89370400440532013000;05.03.26;GUTSCHRIFT;{reference} Spende Nairobi;Ada Lovelace;75,00;EUR\n"));
        Assert.Equal((1, 1), (overlapping.Imported, overlapping.Skipped));
        Assert.Equal((0, 1), (csv.Imported, csv.Skipped));

        await using var db = services.CreateContext();
        var gift = await db.OfflineGifts.SingleAsync(g => g.BankLineId != null);
        Assert.Equal(
            (offer.Line.Id, Iban, "Ada Lovelace", new DateOnly(2026, 3, 5)),
            (gift.BankLineId, gift.PayerIban, gift.PayerName, gift.ReceivedOn));
        Assert.Equal(BankLineStatus.Gift, (await db.BankLines.SingleAsync(l => l.Id == offer.Line.Id)).Status);
        Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.Action == "gift.bank-credit-booked" && a.Subject == $"donor:{donorId}"));
        var after = await OfflineGifts.RaisedAsync(services, "nairobi");
        Assert.Equal(before.Page + 7_500, after.Page);
        Assert.Equal((after.Page, after.Page), (after.Figures, after.Lines));
        await OfflineGifts.AssertTotalsAgreeAsync(services);
        var left = await Gifts(services, g => g.QueueAsync(1, CancellationToken.None));
        Assert.Equal("Grace Hopper", Assert.Single(left.Offers).Line.Counterparty);
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Credits_are_offered_by_account_then_name_and_the_rest_wait_with_their_reason(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var (donorId, fundId, reference) = await DonorWithReferenceAsync(services);
        await ImportAsync(
            services, "feb.xml", Camt(Entry("2026020500000001", 5_000, "2026-02-05", "A. Lovelace", Iban, structured: reference)));
        var first = (await Gifts(services, g => g.QueueAsync(1, CancellationToken.None))).Offers.Single();
        var booked = await Gifts(services, g => g.BookAsync(first.Line.Id, null, null, "staff-1", OfflineGifts.Actor, CancellationToken.None));
        Assert.True(booked.Booked, booked.Refusal);

        await ImportAsync(services, "march.xml", Camt(
            Entry("2026030500000001", 5_000, "2026-03-05", "A. Lovelace", Iban, text: "Dauerauftrag"),
            Entry("2026030500000002", 2_000, "2026-03-05", "LOVELACE, ADA", null, text: "Spende"),
            Entry("2026030500000003", 3_000, "2026-03-05", "Max Mustermann", "DE75512108001245126199", text: "Spende"),
            Entry("2026030500000004", 9_900, "2026-03-05", "STRIPE TECHNOLOGY EUROPE LTD", null, text: "STRIPE PAYOUT")));
        var offers = (await Gifts(services, g => g.QueueAsync(1, CancellationToken.None))).Offers.ToDictionary(o => o.Line.Counterparty!);

        Assert.Equal((CreditMatch.Account, donorId, fundId, true), Shape(offers["A. Lovelace"]));
        Assert.Equal((CreditMatch.Name, donorId, fundId, false), Shape(offers["LOVELACE, ADA"]));
        Assert.Contains("Fund of the donor's latest gift", offers["LOVELACE, ADA"].Reason, StringComparison.Ordinal);
        Assert.Equal((CreditMatch.None, null, null, false), Shape(offers["Max Mustermann"]));
        Assert.Contains("choose the donor and fund", offers["Max Mustermann"].Reason, StringComparison.Ordinal);
        Assert.Contains("payment gateway", offers["STRIPE TECHNOLOGY EUROPE LTD"].Reason, StringComparison.Ordinal);

        var bulk = await Gifts(services, g => g.BookMatchedAsync(
            [offers["A. Lovelace"].Line.Id, offers["Max Mustermann"].Line.Id], "staff-1", OfflineGifts.Actor, CancellationToken.None));
        Assert.True(bulk[0].Booked);
        Assert.Contains("choose the donor and fund", bulk[1].Refusal, StringComparison.Ordinal);
        // Finance names the donor and fund of a credit nothing matched.
        var chosen = await Gifts(
            services, g => g.BookAsync(offers["Max Mustermann"].Line.Id, donorId, fundId, "staff-1", OfflineGifts.Actor, CancellationToken.None));
        Assert.True(chosen.Booked, chosen.Refusal);

        await using var db = services.CreateContext();
        Assert.Equal(3, await db.OfflineGifts.CountAsync(g => g.BankLineId != null));
        var waiting = (await Gifts(services, g => g.QueueAsync(1, CancellationToken.None))).Offers.Select(o => o.Line.Counterparty).Order().ToList();
        Assert.Equal(["LOVELACE, ADA", "STRIPE TECHNOLOGY EUROPE LTD"], waiting);
        await OfflineGifts.AssertTotalsAgreeAsync(services);
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Erasing_the_donor_clears_the_payers_name_and_account_but_keeps_the_gift(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var (donorId, _, reference) = await DonorWithReferenceAsync(services);
        await ImportAsync(services, "march.xml", Camt(Entry("2026030500000001", 7_500, "2026-03-05", "Ada Lovelace", Iban, structured: reference)));
        var line = (await Gifts(services, g => g.QueueAsync(1, CancellationToken.None))).Offers.Single().Line;
        Assert.True((await Gifts(services, g => g.BookAsync(line.Id, null, null, "staff-1", OfflineGifts.Actor, CancellationToken.None))).Booked);

        var erased = await services.InScopeAsync(async scope =>
        {
            var erasure = scope.GetRequiredService<DonorErasure>();
            var request = await erasure.RequestAsync(donorId, ErasureRequester.Donor(donorId), CancellationToken.None);
            return await erasure.RunAsync(request!.Id, CancellationToken.None);
        });

        Assert.IsType<ErasureResult.Completed>(erased);
        await using var db = services.CreateContext();
        var gift = await db.OfflineGifts.SingleAsync(g => g.BankLineId == line.Id);
        Assert.Equal((null, null), (gift.PayerName, gift.PayerIban));
        var kept = await db.BankLines.SingleAsync(l => l.Id == line.Id);
        Assert.Equal(("[erased]", null, null, 7_500L), (kept.Counterparty, kept.CounterpartyAccount, kept.CreditorReference, kept.AmountMinor));
        await OfflineGifts.AssertTotalsAgreeAsync(services);
    }

    private static (CreditMatch, Guid?, Guid?, bool) Shape(CreditOffer offer) => (offer.How, offer.DonorId, offer.FundId, offer.Sure);

    /// <summary>Ada gave once by cheque to Nairobi; her gift reference for Nairobi.</summary>
    private static async Task<(Guid DonorId, Guid FundId, string Reference)> DonorWithReferenceAsync(PortalServices services)
    {
        var result = await OfflineGifts.RecordAsync(services, OfflineGifts.Gift(amount: "10", date: "2026-01-15", method: "cheque"));
        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        await using var db = services.CreateContext();
        var donor = await db.Donors.SingleAsync();
        var fund = await db.Funds.SingleAsync(f => f.Slug == "nairobi");
        var references = await services.InScopeAsync(
            scope => scope.GetRequiredService<GiftReferences>().ForAsync(donor.Id, [fund.Id], CancellationToken.None));
        return (donor.Id, fund.Id, references[fund.Id]);
    }

    private static Task<T> Gifts<T>(PortalServices services, Func<BankCreditGifts, Task<T>> work) =>
        services.InScopeAsync(scope => work(scope.GetRequiredService<BankCreditGifts>()));

    private static Task<BankImportResult> ImportAsync(PortalServices services, string name, byte[] content) =>
        services.InScopeAsync(scope => scope.GetRequiredService<BankStatementImport>()
            .ImportAsync(name, content, null, "staff-1", OfflineGifts.Actor, CancellationToken.None));

    public static string Entry(
        string bankReference, long minor, string day, string payer, string? iban, string? structured = null, string? text = null)
    {
        var amount = (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        var account = iban is null ? "" : $"<DbtrAcct><Id><IBAN>{iban}</IBAN></Id></DbtrAcct>";
        var strd = structured is null
            ? ""
            : $"<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>{structured}</Ref></CdtrRefInf></Strd>";
        return $"""
            <Ntry>
              <Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
              <BookgDt><Dt>{day}</Dt></BookgDt><AcctSvcrRef>{bankReference}</AcctSvcrRef>
              <NtryDtls><TxDtls>
                <RltdPties><Dbtr><Nm>{payer}</Nm></Dbtr>{account}</RltdPties>
                <RmtInf>{(text is null ? "" : $"<Ustrd>{text}</Ustrd>")}{strd}</RmtInf>
              </TxDtls></NtryDtls>
            </Ntry>
            """;
    }

    public static byte[] Camt(params string[] entries) => Encoding.UTF8.GetBytes($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>STMT-{Guid.NewGuid():N}</MsgId><CreDtTm>2026-03-06T06:00:00+01:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>S-1</Id><CreDtTm>2026-03-06T06:00:00+01:00</CreDtTm>
              <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
              {string.Concat(entries)}
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """);
}
