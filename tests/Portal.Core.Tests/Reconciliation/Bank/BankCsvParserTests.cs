using System.Text;
using Portal.Core.Reconciliation.Bank;
using Portal.Core.Shared;

namespace Portal.Core.Tests.Reconciliation.Bank;

/// <summary>A bank's CSV export in the layout the settings name: every line read exactly, or every bad one named.</summary>
public class BankCsvParserTests
{
    [Fact]
    public void The_default_layout_reads_a_German_savings_bank_export()
    {
        var parsed = BankCsvParser.Parse(Samples.Read("sparkasse.csv"), new BankCsvOptions());

        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Problems));
        Assert.Equal(["DE89370400440532013000"], parsed.Accounts);
        Assert.Equal(
            [(new DateOnly(2026, 3, 3), 123456L), (new DateOnly(2026, 3, 4), -1290L), (new DateOnly(2026, 3, 5), 5000L)],
            parsed.Lines.Select(l => (l.BookedOn, l.Amount.Minor)));
        var payout = parsed.Lines[0];
        Assert.Equal((2, "EUR", "STRIPE PAYOUT po_1QaBcDeFgHiJkLmNoPqRsTuV", "STRIPE TECHNOLOGY EUROPE LTD", "GUTSCHR. UEBERWEISUNG"),
            (payout.Line, payout.Amount.Currency.Code, payout.Reference, payout.Counterparty, payout.Description));
        Assert.Equal("Kontoführung 02/2026", parsed.Lines[1].Reference);
        Assert.Null(parsed.Lines[1].Counterparty);
        Assert.Equal("Spende Kinderdorf Nairobi; danke!", parsed.Lines[2].Reference);
    }

    [Fact]
    public void A_file_in_Windows_1252_is_read_with_its_umlauts()
    {
        var text = Encoding.UTF8.GetString(Samples.Read("sparkasse.csv"));
        var parsed = BankCsvParser.Parse(System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text), new BankCsvOptions());

        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Problems));
        Assert.Equal("Kontoführung 02/2026", parsed.Lines[1].Reference);
    }

    [Fact]
    public void Credit_and_debit_columns_a_fixed_currency_a_decimal_point_and_lines_before_the_header_are_configurable()
    {
        static BankCsvOptions Layout(int skipLines) => new()
        {
            Delimiter = ",",
            DecimalSeparator = ".",
            DateFormat = "yyyy-MM-dd",
            SkipLines = skipLines,
            DateColumn = "Date",
            AmountColumn = "",
            CreditColumn = "Credit",
            DebitColumn = "Debit",
            CurrencyColumn = "",
            FixedCurrency = "GBP",
            ReferenceColumn = "Reference",
            CounterpartyColumn = "",
            DescriptionColumn = "",
            AccountColumn = null,
        };
        var csv = "Account: 20-00-00 12345678\nExported 2026-03-10\nDate,Reference,Debit,Credit\n"
            + "2026-03-02,STRIPE po_1AbCdEfGhIjK,,\"1,000.50\"\n2026-03-03,Rent,-450.00,\n2026-03-04,Fee,3,\n";

        var parsed = BankCsvParser.Parse(Encoding.UTF8.GetBytes(csv), Layout(2));

        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Problems));
        Assert.Empty(parsed.Accounts);
        Assert.Equal([(4, 100050L), (5, -45000L), (6, -300L)], parsed.Lines.Select(l => (l.Line, l.Amount.Minor)));
        Assert.All(parsed.Lines, l => Assert.Equal(Currency.GBP, l.Amount.Currency));

        var both = BankCsvParser.Parse(
            Encoding.UTF8.GetBytes("Date,Reference,Debit,Credit\n2026-03-02,x,1.00,2.00\n2026-03-02,y,,\n2026-03-02,z,,-2.00\n"),
            Layout(0));
        Assert.Equal([(2, "Credit"), (3, "Credit"), (4, "Credit")], both.Problems.Select(p => (p.Line, p.Field)));
        Assert.Contains("Both", both.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("Neither", both.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_line_is_named_with_its_column_and_reason_and_no_line_is_given()
    {
        var parsed = BankCsvParser.Parse(Samples.Read("sparkasse-bad.csv"), new BankCsvOptions());

        Assert.False(parsed.Succeeded);
        Assert.Empty(parsed.Lines);
        Assert.Equal(
            [(3, "Buchungstag"), (4, "Betrag"), (5, "Betrag"), (6, "Waehrung"), (7, "row"), (9, "Betrag")],
            parsed.Problems.Select(p => (p.Line, p.Field)));
        Assert.Contains("dd.MM.yy", parsed.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("at most 2 decimals", parsed.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("'12.50'", parsed.Problems[2].Message, StringComparison.Ordinal);
        Assert.Contains("ISO 4217", parsed.Problems[3].Message, StringComparison.Ordinal);
        Assert.Contains("Expected 17 columns", parsed.Problems[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_a_configured_column_names_the_setting_and_an_empty_file_is_refused()
    {
        var wrong = BankCsvParser.Parse(Encoding.UTF8.GetBytes("Datum;Betrag;Waehrung\n01.03.26;1,00;EUR\n"), new BankCsvOptions());
        var empty = BankCsvParser.Parse([], new BankCsvOptions());

        Assert.Equal(
            ["Buchungstag", "Verwendungszweck", "Beguenstigter/Zahlungspflichtiger", "Buchungstext", "Auftragskonto"],
            wrong.Problems.Select(p => p.Field));
        Assert.All(wrong.Problems, p => Assert.Equal(1, p.Line));
        Assert.Contains("Reconciliation:BankCsv:DateColumn", wrong.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("Datum, Betrag, Waehrung", wrong.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal("The file is empty.", empty.Problems.Single().Message);
    }

    [Theory]
    [InlineData("1.234,56", ',', "EUR", 123456L)]
    [InlineData("-12,9", ',', "EUR", -1290L)]
    [InlineData("+7", ',', "EUR", 700L)]
    [InlineData("1 000 000,00", ',', "EUR", 100000000L)]
    [InlineData("1,000.50", '.', "USD", 100050L)]
    [InlineData("1500", '.', "JPY", 1500L)]
    [InlineData("1.500", '.', "KWD", 1500L)]
    public void Amounts_are_read_exactly(string text, char separator, string currency, long minor)
    {
        Assert.True(ExactAmount.TryParse(text, separator, Currency.Of(currency), out var money));
        Assert.Equal(minor, money.Minor);
    }

    [Theory]
    [InlineData("12.50", ',', "EUR")]
    [InlineData("1,5", ',', "JPY")]
    [InlineData("10,001", ',', "EUR")]
    [InlineData("1,2,3", ',', "EUR")]
    [InlineData("12,", ',', "EUR")]
    [InlineData("--5", ',', "EUR")]
    [InlineData("1e5", '.', "EUR")]
    [InlineData("", '.', "EUR")]
    [InlineData("99999999999999999999999", '.', "EUR")]
    public void Amounts_that_are_not_exact_are_refused(string text, char separator, string currency) =>
        Assert.False(ExactAmount.TryParse(text, separator, Currency.Of(currency), out _));
}
