using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Reconciliation;
using Portal.Core.Reconciliation.Bank;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Areas;

/// <summary>
/// Finance imports a statement, is told every problem of a bad one (which writes nothing), settles what matching left, and
/// exports the lines.
/// </summary>
public class BankPageTests
{
    private const string Header = "Auftragskonto;Buchungstag;Buchungstext;Verwendungszweck;Beguenstigter/Zahlungspflichtiger;Betrag;Waehrung\n";

    [Fact]
    public async Task Finance_imports_statements_sees_the_matches_and_flags_matches_by_hand_ignores_and_exports()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");
        var (stripe, twin) = await portal.QueryAsync(async db =>
        {
            var first = Payout("po_1QaBcDeFgHiJkLmNoPqRsTuV", 123456, new DateOnly(2026, 3, 3));
            var second = Payout("po_1TwinTwinTwin", 30000, new DateOnly(2026, 3, 4));
            db.Payouts.AddRange(first, second, Payout("po_1TwinTwinOther", 30000, new DateOnly(2026, 3, 4)));
            await db.SaveChangesAsync();
            return (first.Id, second.Id);
        });

        var bad = await UploadAsync(
            finance,
            "bad.csv",
            Header + "DE89;03.03.26;X;Good;A;10,00;EUR\nDE89;2026-03-03;X;Bad date;A;10,00;EUR\nDE89;03.03.26;X;Bad amount;A;10,001;EUR\n");
        var badPage = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Nothing was imported", badPage, StringComparison.Ordinal);
        Assert.Matches(@"<td>3</td><td></td><td>Buchungstag</td>", badPage);
        Assert.Matches(@"<td>4</td><td></td><td>Betrag</td>", badPage);
        var evil = await UploadAsync(
            finance,
            "evil.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Document>&x;</Document>",
            "camt053");
        Assert.Equal(HttpStatusCode.BadRequest, evil.StatusCode);
        Assert.Contains("DOCTYPE", WebUtility.HtmlDecode(await evil.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await portal.QueryAsync(db => db.BankLines.CountAsync()));
        Assert.Equal(0, await portal.QueryAsync(db => db.BankStatements.CountAsync()));

        var camt = await UploadAsync(finance, "march.xml", Camt053());
        Assert.Equal(HttpStatusCode.Redirect, camt.StatusCode);
        var csv = await UploadAsync(
            finance,
            "march.csv",
            Header + "DE89;04.03.26;GUTSCHRIFT;Transfer;STRIPE;300,00;EUR\nDE89;05.03.26;GUTSCHRIFT;STRIPE;STRIPE;777,00;EUR\n");
        Assert.Equal(HttpStatusCode.Redirect, csv.StatusCode);
        Assert.Equal(stripe, await portal.QueryAsync(db => db.BankLines.Where(l => l.AmountMinor == 123456).Select(l => l.PayoutId).SingleAsync()));

        var page = await finance.TextAsync("/finance/bank");
        Assert.Contains("po_1QaBcDeFgHiJkLmNoPqRsTuV", page, StringComparison.Ordinal);
        Assert.Contains("could be any of 2 payouts", page, StringComparison.Ordinal);
        Assert.Contains("matches no paid payout", page, StringComparison.Ordinal);
        Assert.Contains("Match to payout", page, StringComparison.Ordinal);
        Assert.Contains("/finance/bank", await finance.TextAsync("/finance"), StringComparison.Ordinal);

        var ids = await portal.QueryAsync(db => db.BankLines.ToDictionaryAsync(l => l.AmountMinor, l => l.Id));
        var matched = await finance.PostAsync(
            "/finance/bank",
            new Dictionary<string, string> { ["lineId"] = $"{ids[30000]}", ["payoutId"] = $"{twin}" },
            "/finance/bank?handler=Match");
        var ignored = await finance.PostAsync(
            "/finance/bank",
            new Dictionary<string, string> { ["lineId"] = $"{ids[77700]}", ["reason"] = "Stripe's account check" },
            "/finance/bank?handler=Ignore");
        var missing = await finance.PostAsync(
            "/finance/bank",
            new Dictionary<string, string> { ["lineId"] = "999999", ["reason"] = "none" },
            "/finance/bank?handler=Ignore");
        Assert.Equal(HttpStatusCode.Redirect, matched.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, ignored.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(twin, await portal.QueryAsync(db => db.BankLines.Where(l => l.Id == ids[30000]).Select(l => l.PayoutId).SingleAsync()));
        Assert.Equal(
            BankLineStatus.Ignored,
            await portal.QueryAsync(db => db.BankLines.Where(l => l.Id == ids[77700]).Select(l => l.Status).SingleAsync()));
        Assert.Equal(0, await portal.QueryAsync(
            db => db.ReconciliationExceptions.CountAsync(e => e.Kind == ExceptionKind.UnmatchedBankLine && e.Status == ExceptionStatus.Open)));
        var actions = await portal.QueryAsync(db => db.AuditRecords.Select(a => a.Action).ToListAsync());
        Assert.Contains("bank.payout-matched-by-hand", actions);
        Assert.Contains("bank.line-ignored", actions);

        var export = Encoding.UTF8.GetString(await (await finance.GetAsync("/finance/bank?handler=Csv")).Content.ReadAsByteArrayAsync())
            .TrimStart('\uFEFF');
        var rows = export.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("booked_on,amount,currency,status,payout,counterparty,reference,description,statement,line_key", rows[0]);
        Assert.Equal(5, rows.Length - 1);
        Assert.Contains(rows, r => r.StartsWith("2026-03-03,1234.56,EUR,matched,po_1QaBcDeFgHiJkLmNoPqRsTuV,", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("2026-03-04,-12.90,EUR,unmatched,,", StringComparison.Ordinal));
        var unmatchedOnly = Encoding.UTF8
            .GetString(await (await finance.GetAsync("/finance/bank?handler=Csv&show=unmatched")).Content.ReadAsByteArrayAsync());
        Assert.Equal(2, unmatchedOnly.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public async Task Communications_staff_and_visitors_cannot_see_import_or_export_bank_lines()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var communications = portal.Browser();
        await communications.SignInAsStaffAsync(portal, "Communications");
        var visitor = portal.Browser();

        foreach (var client in new[] { communications, visitor })
        {
            Assert.False((await client.GetAsync("/finance/bank")).IsSuccessStatusCode);
            Assert.False((await client.GetAsync("/finance/bank?handler=Csv")).IsSuccessStatusCode);
            using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(Header)), "file", "x.csv" } };
            Assert.False((await client.PostAsync("/finance/bank?handler=Import", form)).IsSuccessStatusCode);
        }

        Assert.Equal(0, await portal.QueryAsync(db => db.BankStatements.CountAsync()));
    }

    private static Payout Payout(string id, long minor, DateOnly arrival) => new()
    {
        Gateway = "stripe",
        GatewayPayoutId = id,
        AmountMinor = minor,
        Currency = "EUR",
        ArrivalDate = arrival,
        Status = PayoutStatus.Paid,
        GatewayCreatedAt = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc),
        ImportedAt = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    // One literal a line of the file, the longer lines split in two, so that the text is the same as the one raw string it was.
    private static string Camt053() =>
        """<?xml version="1.0" encoding="UTF-8"?>""" + "\n"
        + """<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>""" + "\n"
        + """  <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>""" + "\n"
        + """  <Ntry><Amt Ccy="EUR">1234.56</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-03</Dt></BookgDt>"""
        + """<AcctSvcrRef>R1</AcctSvcrRef>""" + "\n"
        + """    <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>STRIPE</Nm></Dbtr></RltdPties>"""
        + """<RmtInf><Ustrd>STRIPE PAYOUT po_1QaBcDeFgHiJkLmNoPqRsTuV</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>""" + "\n"
        + """  <Ntry><Amt Ccy="EUR">12.90</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-04</Dt></BookgDt>"""
        + """<AcctSvcrRef>R2</AcctSvcrRef></Ntry>""" + "\n"
        + """  <Ntry><Amt Ccy="EUR">50.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-05</Dt></BookgDt>"""
        + """<AcctSvcrRef>R3</AcctSvcrRef></Ntry>""" + "\n"
        + """</Stmt></BkToCstmrStmt></Document>""";

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string name, string content, string format = "")
    {
        var token = Forms.Token(await client.GetStringAsync("/finance/bank"));
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new StringContent(format), "format");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", name);
        return await client.PostAsync("/finance/bank?handler=Import", form);
    }
}
