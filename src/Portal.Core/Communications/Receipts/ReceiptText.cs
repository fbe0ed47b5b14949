using System.Text;

namespace Portal.Core.Communications.Receipts;

/// <summary>The plain-text alternative of the receipt e-mail, in the receipt's language.</summary>
internal static class ReceiptText
{
    public static string Render(ReceiptView receipt, Uri receiptUrl)
    {
        var t = receipt.Texts;
        var labels = new List<(string Label, string Value)>
        {
            (t["NumberLabel"], receipt.ReceiptNumber),
            (t["DateLabel"], receipt.DateText),
            (t["DonorLabel"], receipt.DonorName),
            (t["ForLabel"], $"{receipt.FundName} ({receipt.IntervalText})"),
        };
        if (receipt.DedicationText is { } dedication)
        {
            labels.Add((t["DedicationLabel"], dedication));
        }

        labels.Add((t["GiftLabel"], receipt.Gift.Format(t.Culture)));
        if (!receipt.FeeCover.IsZero)
        {
            labels.Add((t["TextFeeCover"], receipt.FeeCover.Format(t.Culture)));
        }

        labels.Add((t["TotalLabel"], receipt.Amount.Format(t.Culture)));
        if (receipt.IsAmended)
        {
            labels.Add((t["TextReturned"], receipt.Refunded.Format(t.Culture)));
            labels.Add((t["TextAmended"], $"{receipt.Kept.Format(t.Culture)} {t["TextAmendedNote"]}"));
        }

        if (receipt.GiftReference is { } giftReference)
        {
            labels.Add((t["StandingOrderLabel"], Donors.PaymentReferences.Print(giftReference)));
        }

        // The values line up: each label and its colon padded to the longest, with at least one space after.
        var width = Math.Max(16, labels.Max(l => l.Label.Length) + 2);
        var text = new StringBuilder();
        text.AppendLine(t.Format("Greeting", receipt.DonorName));
        text.AppendLine();
        text.AppendLine(t.Format("Intro", receipt.FundName));
        text.AppendLine();
        foreach (var (label, value) in labels)
        {
            text.Append((label + ":").PadRight(width)).AppendLine(value);
        }

        text.AppendLine();
        text.AppendLine(t.Culture, $"{t["NoGoods"]} {t.Format("RestrictedShort", receipt.FundName)}");
        text.AppendLine();
        text.AppendLine(t.Culture, $"{t["TextAccount"]}: {receiptUrl}");
        text.AppendLine();
        text.AppendLine(receipt.CharityName);
        return text.ToString();
    }
}
