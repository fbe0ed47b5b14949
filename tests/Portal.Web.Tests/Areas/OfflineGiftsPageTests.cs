using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Reconciliation.Bank;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Areas;

/// <summary>
/// Finance books a donor's bank transfer from an imported statement as a gift, records a cheque by hand, imports a batch
/// with a row report, and nothing is booked twice.
/// </summary>
public class OfflineGiftsPageTests
{
    private static readonly string Day =
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Book_a_bank_transfer_from_an_imported_statement_as_a_gift()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");
        // Ada gave a cheque once; her standing order then names her donor reference.
        var recorded = await finance.PostAsync("/finance/gifts", Gift("ada@example.org", "25.00", "cheque"), "/finance/gifts?handler=Record");
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var reference = await portal.QueryAsync(
            db => db.Donors.Where(d => d.NormalizedEmail == "ADA@EXAMPLE.ORG").Select(d => d.PaymentReference!).SingleAsync());
        var statement = Camt(
            Entry("R1", "30.00", "Ada Lovelace", $"Dauerauftrag {reference}"), Entry("R2", "12.00", "Max Mustermann", "Spende"));

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(finance, "december.xml", statement)).StatusCode);
        var queue = await finance.TextAsync("/finance/gifts");
        Assert.Contains("Ada Lovelace</strong> → Children's Village Nairobi", queue, StringComparison.Ordinal);
        Assert.Contains("No reference, known account or donor's name", queue, StringComparison.Ordinal);
        var lines = await portal.QueryAsync(db => db.BankLines.ToDictionaryAsync(l => l.Counterparty!, l => l.Id));

        var booked = await finance.PostAsync(
            "/finance/gifts", new Dictionary<string, string> { ["lineIds"] = $"{lines["Ada Lovelace"]}" }, "/finance/gifts?handler=BookMatched");
        var twice = await finance.PostAsync(
            "/finance/gifts", new Dictionary<string, string>(), $"/finance/gifts?handler=Book&lineId={lines["Ada Lovelace"]}");
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        Assert.Contains("already booked as a gift", await finance.TextAsync("/finance/gifts"), StringComparison.Ordinal);
        // The same statement again, and an overlapping one: no second gift, no second line.
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(finance, "december.xml", statement)).StatusCode);
        var overlapping = await UploadAsync(finance, "december-2.xml", Camt(Entry("R1", "30.00", "Ada Lovelace", reference)));
        Assert.Equal(HttpStatusCode.Redirect, overlapping.StatusCode);

        Assert.Equal(2, await portal.QueryAsync(db => db.OfflineGifts.CountAsync()));
        var gift = await portal.QueryAsync(db => db.OfflineGifts.SingleAsync(g => g.BankLineId != null));
        Assert.Equal(lines["Ada Lovelace"], gift.BankLineId);
        Assert.Equal(
            BankLineStatus.Gift,
            await portal.QueryAsync(db => db.BankLines.Where(l => l.Id == gift.BankLineId).Select(l => l.Status).SingleAsync()));
        var charge = await portal.QueryAsync(db => db.Charges.SingleAsync(c => c.Id == gift.ChargeId));
        Assert.Equal(3_000, charge.AmountMinor);
        Assert.NotNull(charge.ReceiptNumber);
        Assert.Contains("gift.bank-credit-booked", await portal.QueryAsync(db => db.AuditRecords.Select(a => a.Action).ToListAsync()));
        var left = await finance.TextAsync("/finance/gifts");
        Assert.Contains("Max Mustermann", left, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"credit-{lines["Ada Lovelace"]}\"", left, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_gifts_and_bad_batches_are_named_row_by_row_and_write_nothing()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        var bad = await finance.PostAsync("/finance/gifts", Gift("not-an-address", "-3", "cash"), "/finance/gifts?handler=Record");
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not an e-mail address", WebUtility.HtmlDecode(badPage), StringComparison.Ordinal);
        Assert.Contains("The amount must be a positive number", WebUtility.HtmlDecode(badPage), StringComparison.Ordinal);

        const string header = "email,name,country,fund,date,amount,currency,method\n";
        var rejected = await ImportAsync(finance, header + $"grace@example.org,Grace Hopper,US,nairobi,{Day},40.00,EUR,cash\n"
            + $"x@example.org,,US,atlantis,{Day},40.00,EUR,bitcoin\n");
        var report = WebUtility.HtmlDecode(await rejected.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("Nothing was imported", report, StringComparison.Ordinal);
        Assert.Matches(@"<td>3</td><td>fund</td><td>No fund 'atlantis'", report);
        Assert.Matches(@"<td>3</td><td>method</td>", report);
        Assert.Equal(0, await portal.QueryAsync(db => db.OfflineGifts.CountAsync()));
        Assert.Equal(0, await portal.QueryAsync(db => db.Donors.CountAsync()));

        var good = header + $"grace@example.org,Grace Hopper,US,nairobi,{Day},40.00,EUR,cash\n"
            + $"grace@example.org,Grace Hopper,US,nairobi,{Day},10,EUR,cheque\n";
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(finance, good)).StatusCode);
        var again = await ImportAsync(finance, good);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("was imported already", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(2, await portal.QueryAsync(db => db.OfflineGifts.CountAsync()));
        Assert.Equal(1, await portal.QueryAsync(db => db.Donors.CountAsync()));
        Assert.Equal(2, await portal.QueryAsync(db => db.AuditRecords.CountAsync(a => a.Action == "gift.offline-imported")));
    }

    private static Dictionary<string, string> Gift(string email, string amount, string method) => new()
    {
        ["Input.Token"] = Guid.NewGuid().ToString(),
        ["Input.Email"] = email,
        ["Input.Name"] = "Ada Lovelace",
        ["Input.Country"] = "GB",
        ["Input.Fund"] = "nairobi",
        ["Input.Date"] = Day,
        ["Input.Amount"] = amount,
        ["Input.Currency"] = "EUR",
        ["Input.Method"] = method,
    };

    internal static string Entry(string bankReference, string amount, string payer, string text) =>
        $"""<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>{Day}</Dt></BookgDt>"""
        + $"""<AcctSvcrRef>{bankReference}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>{payer}</Nm></Dbtr></RltdPties>"""
        + $"""<RmtInf><Ustrd>{text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>""";

    internal static string Camt(params string[] entries) =>
        """<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>"""
        + """<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>""" + string.Concat(entries) + "</Stmt></BkToCstmrStmt></Document>";

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string name, string content) =>
        await PostFileAsync(client, "/finance/bank", "/finance/bank?handler=Import", name, content);

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string content) =>
        await PostFileAsync(client, "/finance/gifts", "/finance/gifts?handler=Import", "gifts.csv", content);

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string page, string action, string name, string content)
    {
        var token = Forms.Token(await client.GetStringAsync(page));
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", name);
        return await client.PostAsync(action, form);
    }
}
