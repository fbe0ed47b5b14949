using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Portal.Core.Shared;

namespace Portal.Core.Reconciliation.Bank;

/// <summary>Reads one <c>Ntry</c> of a CAMT.053 statement into a line, or adds a problem for each field it cannot read.</summary>
internal sealed class Camt053Entry(XElement entry, XNamespace ns, int number, List<BankProblem> problems)
{
    /// <summary>
    /// The line, or null when it has problems or is not booked (pending and information entries are left for the statement that books them).
    /// </summary>
    public StatementLine? Read(string? account)
    {
        var status = Text(entry.Element(ns + "Sts")?.Element(ns + "Cd")) ?? Text(entry.Element(ns + "Sts"));
        if (status is not null && status != "BOOK")
        {
            return null;
        }

        var before = problems.Count;
        var bookedOn = BookingDate();
        var amount = Amount();
        var details = entry.Elements(ns + "NtryDtls").Elements(ns + "TxDtls").ToList();
        var bankReference = Text(entry.Element(ns + "AcctSvcrRef"))
            ?? (details.Count == 1 ? Text(details[0].Element(ns + "Refs")?.Element(ns + "AcctSvcrRef")) : null);
        var remittance = details.SelectMany(d => d.Elements(ns + "RmtInf").Elements(ns + "Ustrd")).Select(Text);
        var endToEnd = details.Select(d => Text(d.Element(ns + "Refs")?.Element(ns + "EndToEndId"))).Where(id => id != "NOTPROVIDED");
        var reference = Join(remittance.Concat(endToEnd));
        var party = amount is { IsNegative: true } ? "Cdtr" : "Dbtr";
        var counterparty = Join(details.Select(d => d.Element(ns + "RltdPties")?.Element(ns + party))
            .Select(p => Text(p?.Element(ns + "Nm")) ?? Text(p?.Element(ns + "Pty")?.Element(ns + "Nm"))));
        var description = Text(entry.Element(ns + "AddtlNtryInf")) ?? Join(details.Select(d => Text(d.Element(ns + "AddtlTxInf"))));
        // The payer's account and structured reference, for offline gifts; only when the entry is one transaction,
        // since a batch booking's many payers are not one donor.
        var single = details.Count == 1 ? details[0] : null;
        var counterpartyAccount = Text(single?.Element(ns + "RltdPties")?.Element(ns + party + "Acct")?.Element(ns + "Id")?.Element(ns + "IBAN"));
        var creditorReference = Text(single?.Element(ns + "RmtInf")?.Element(ns + "Strd")?.Element(ns + "CdtrRefInf")?.Element(ns + "Ref"));
        return problems.Count > before || amount is null
            ? null
            : new StatementLine(LineOf(entry), account, bookedOn, amount.Value, bankReference, reference, counterparty, description)
            {
                CounterpartyAccount = counterpartyAccount,
                CreditorReference = creditorReference,
            };
    }

    public static string? Text(XElement? element) => element?.Value.Trim() is { Length: > 0 } text ? text : null;

    public static int LineOf(XObject node) => ((IXmlLineInfo)node).HasLineInfo() ? ((IXmlLineInfo)node).LineNumber : 0;

    private DateOnly BookingDate()
    {
        var booking = entry.Element(ns + "BookgDt");
        var date = Text(booking?.Element(ns + "Dt"));
        var dateTime = Text(booking?.Element(ns + "DtTm"));
        // A DtTm is taken on the day the bank wrote, in its own time zone: that is the day on the statement.
        var text = date ?? (dateTime is { Length: >= 10 }
            && DateTime.TryParse(dateTime, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _) ? dateTime[..10] : dateTime);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var bookedOn))
        {
            return bookedOn;
        }

        Problem(
            booking ?? entry,
            "BookgDt",
            text is null ? "The booking date (BookgDt/Dt or BookgDt/DtTm) is missing." : $"'{text}' is not a booking date (YYYY-MM-DD).");
        return default;
    }

    private Money? Amount()
    {
        var element = entry.Element(ns + "Amt");
        var code = element?.Attribute("Ccy")?.Value.Trim();
        var text = Text(element);
        var indicator = Text(entry.Element(ns + "CdtDbtInd"));
        if (indicator is not ("CRDT" or "DBIT"))
        {
            Problem(entry.Element(ns + "CdtDbtInd") ?? entry, "CdtDbtInd", $"The credit or debit mark must be CRDT or DBIT, found '{indicator}'.");
        }

        if (element is null || text is null)
        {
            Problem(element ?? entry, "Amt", "The amount (Amt) is missing.");
            return null;
        }

        if (!Currency.TryParse(code, out var currency))
        {
            Problem(element, "Amt@Ccy", $"'{code}' is not an ISO 4217 currency code such as EUR.");
            return null;
        }

        if (!text.All(c => char.IsAsciiDigit(c) || c == '.') || !ExactAmount.TryParse(text, '.', currency, out var amount))
        {
            Problem(element, "Amt", $"'{text}' is not a positive amount with a decimal point and at most {currency.MinorDigits} decimals.");
            return null;
        }

        return indicator == "DBIT" ? -amount : amount;
    }

    private void Problem(XObject at, string field, string message) => problems.Add(new BankProblem(LineOf(at), number, field, message));

    private static string? Join(IEnumerable<string?> parts) =>
        string.Join(" ", parts.OfType<string>().Distinct()) is { Length: > 0 } joined ? joined : null;
}
