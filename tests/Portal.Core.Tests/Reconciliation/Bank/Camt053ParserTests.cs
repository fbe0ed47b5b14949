using System.Text;
using Portal.Core.Reconciliation.Bank;

namespace Portal.Core.Tests.Reconciliation.Bank;

/// <summary>ISO 20022 CAMT.053 from any version 02 to 08: booked entries read exactly, anything unsafe or unreadable named.</summary>
public class Camt053ParserTests
{
    [Fact]
    public void A_version_02_statement_gives_its_credits_and_debits_with_references_and_counterparties()
    {
        var parsed = Camt053Parser.Parse(Samples.Read("camt053-v02.xml"));

        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Problems));
        Assert.Equal(BankFileFormat.Camt053, parsed.Format);
        Assert.Equal(["DE89370400440532013000"], parsed.Accounts);
        Assert.Equal([123456L, -1290L, 5000L], parsed.Lines.Select(l => l.Amount.Minor));
        var payout = parsed.Lines[0];
        Assert.Equal(
            (
                new DateOnly(2026, 3, 3),
                "2026030300012345",
                "STRIPE PAYOUT po_1QaBcDeFgHiJkLmNoPqRsTuV",
                "STRIPE TECHNOLOGY EUROPE LTD",
                "SEPA Credit Transfer",
                "DE89370400440532013000"),
            (payout.BookedOn, payout.BankReference, payout.Reference, payout.Counterparty, payout.Description, payout.Account));
        var fee = parsed.Lines[1];
        Assert.Equal(("Kontoführung 02/2026", "Musterbank AG"), (fee.Reference, fee.Counterparty));
        Assert.Equal("Spende Kinderdorf Nairobi", parsed.Lines[2].Reference);
        Assert.True(payout.Line > 1);
    }

    [Fact]
    public void Several_statements_in_one_version_08_file_are_read_and_pending_entries_left_for_a_later_statement()
    {
        var parsed = Camt053Parser.Parse(Samples.Read("camt053-v08-two-statements.xml"));

        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Problems));
        Assert.Equal(["AT611904300234573201", "CH9300762011623852957"], parsed.Accounts);
        Assert.Equal(
            [("AT611904300234573201", new DateOnly(2026, 3, 9), 98000L, "EUR", "AT-20260309-77"), ("CH9300762011623852957", new DateOnly(
                2026,
                3,
                9), -30005L, "CHF", "CH-55501")],
            parsed.Lines.Select(l => (l.Account!, l.BookedOn, l.Amount.Minor, l.Amount.Currency.Code, l.BankReference!)));
        Assert.Equal(("STRIPE po_1RzYxWvUtSrQpOnMlKjIhGfE", "Stripe Payments Europe Ltd"), (parsed.Lines[0].Reference, parsed.Lines[0].Counterparty));
        Assert.Equal(
            ("Transfer March", "Kinderdorf Bern", "Standing order"),
            (parsed.Lines[1].Reference, parsed.Lines[1].Counterparty, parsed.Lines[1].Description));
    }

    [Theory]
    [InlineData("02")]
    [InlineData("03")]
    [InlineData("04")]
    [InlineData("05")]
    [InlineData("06")]
    [InlineData("07")]
    [InlineData("08")]
    public void Every_version_from_02_to_08_is_read(string version)
    {
        var parsed = Camt053Parser.Parse(Encoding.UTF8.GetBytes(Minimal($"urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}")));

        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Problems));
        Assert.Equal(100L, parsed.Lines.Single().Amount.Minor);
    }

    [Fact]
    public void A_DOCTYPE_with_entities_is_refused_before_anything_is_read()
    {
        var parsed = Camt053Parser.Parse(Samples.Read("camt053-doctype.xml"));
        var utf16 = Camt053Parser.Parse(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode
            .GetBytes(Encoding.UTF8.GetString(Samples.Read("camt053-doctype.xml")).Replace("UTF-8", "UTF-16", StringComparison.Ordinal))).ToArray());

        var problem = parsed.Problems.Single();
        Assert.Equal((2, "DOCTYPE"), (problem.Line, problem.Field));
        Assert.Contains("refused", problem.Message, StringComparison.Ordinal);
        Assert.Empty(parsed.Lines);
        // Encoded so that the plain search misses it, the reader itself still refuses the DTD.
        Assert.Empty(utf16.Lines);
        Assert.Contains("DTD", utf16.Problems.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_entry_is_named_by_its_number_line_and_element()
    {
        var parsed = Camt053Parser.Parse(Samples.Read("camt053-bad.xml"));

        Assert.Empty(parsed.Lines);
        Assert.Equal(
            [(2, "Amt"), (3, "Amt@Ccy"), (4, "CdtDbtInd"), (5, "BookgDt"), (6, "Amt"), (7, "BookgDt"), (7, "Amt")],
            parsed.Problems.Select(p => (p.Entry!.Value, p.Field)));
        Assert.Equal(12, parsed.Problems[0].Line);
        Assert.Contains("at most 2 decimals", parsed.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("'03.03.2026'", parsed.Problems[3].Message, StringComparison.Ordinal);
        Assert.Contains("missing", parsed.Problems[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_characters_in_many_entries_are_read_as_text()
    {
        var entry = "<Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-03-03</Dt></BookgDt>"
            + "<AddtlNtryInf>Smith &amp; Sons &lt;Ltd&gt; &#228;</AddtlNtryInf></Ntry>";
        var xml = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt>"
            + $"{string.Concat(Enumerable.Repeat(entry, 2000))}</Stmt></BkToCstmrStmt></Document>";

        var parsed = Camt053Parser.Parse(Encoding.UTF8.GetBytes(xml));

        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Problems.Take(3)));
        Assert.Equal(2000, parsed.Lines.Count);
        Assert.Equal("Smith & Sons <Ltd> ä", parsed.Lines[^1].Description);
    }

    [Theory]
    [InlineData("urn:iso:std:iso:20022:tech:xsd:camt.052.001.02", "Document")]
    [InlineData("urn:iso:std:iso:20022:tech:xsd:camt.053.001.09", "Document")]
    [InlineData("urn:iso:std:iso:20022:tech:xsd:camt.053.001.01", "Document")]
    public void Another_message_or_version_is_refused(string ns, string field) =>
        Assert.Equal(field, Camt053Parser.Parse(Encoding.UTF8.GetBytes(Minimal(ns))).Problems.Single().Field);

    [Fact]
    public void A_file_that_is_not_XML_or_holds_no_statement_is_refused_with_the_reason()
    {
        var notXml = Camt053Parser.Parse(Encoding.UTF8.GetBytes("<Document><Unclosed></Document>"));
        var noStatement = Camt053Parser.Parse(
            Encoding.UTF8.GetBytes("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt/></Document>"));

        Assert.Contains("not well-formed XML", notXml.Problems.Single().Message, StringComparison.Ordinal);
        Assert.Equal("Stmt", noStatement.Problems.Single().Field);
    }

    private static string Minimal(string ns) => $"""
        <?xml version="1.0"?>
        <Document xmlns="{ns}"><BkToCstmrStmt><Stmt><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>
        <Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-03</Dt></BookgDt></Ntry>
        </Stmt></BkToCstmrStmt></Document>
        """;
}
