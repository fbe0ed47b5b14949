using System.Resources;
using Portal.Core.Languages;

namespace Portal.Core.Communications.Receipts;

/// <summary>The words of the receipt, its e-mail and the account's receipt page, from <c>ReceiptTexts.resx</c> and its translations.</summary>
public static class ReceiptTexts
{
    private static readonly ResourceManager Resources = new("Portal.Core.Communications.Receipts.ReceiptTexts", typeof(ReceiptTexts).Assembly);

    public static DonorTexts For(string? language) => new(Resources, language);
}
