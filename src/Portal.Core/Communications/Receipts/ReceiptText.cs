using System.Globalization;
using System.Text;

namespace Portal.Core.Communications.Receipts;

/// <summary>The plain-text alternative of the receipt e-mail.</summary>
internal static class ReceiptText
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static string Render(ReceiptView receipt, Uri receiptUrl)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Dear {receipt.DonorName},");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"thank you. Your gift to {receipt.FundName} has arrived. Here is your receipt.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Receipt number: {receipt.ReceiptNumber}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Date:           {receipt.DateText}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Donor:          {receipt.DonorName}");
        text.AppendLine(CultureInfo.InvariantCulture, $"For:            {receipt.FundName} ({receipt.IntervalText.ToLowerInvariant()})");
        if (receipt.DedicationText is { } dedication)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Dedication:     {dedication}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Gift:           {receipt.Gift.Format(Culture)}");
        if (!receipt.FeeCover.IsZero)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Fee covered:    {receipt.FeeCover.Format(Culture)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Total paid:     {receipt.Amount.Format(Culture)}");
        if (receipt.IsAmended)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Returned:       {receipt.Refunded.Format(Culture)}");
            text.AppendLine(
                CultureInfo.InvariantCulture,
                $"Amended gift:   {receipt.Kept.Format(Culture)} (this amended receipt replaces the first)");
        }
        text.AppendLine();
        text.AppendLine(
            CultureInfo.InvariantCulture,
            $"No goods or services were provided in exchange for this gift. It is restricted to {receipt.FundName}.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Your account: {receiptUrl}");
        text.AppendLine();
        text.AppendLine(receipt.CharityName);
        return text.ToString();
    }
}
