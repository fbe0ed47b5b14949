using System.Resources;
using Portal.Core.Languages;

namespace Portal.Core.Communications.CardExpiry;

/// <summary>The words of the expiring-card reminder, from <c>CardExpiryTexts.resx</c> and its translations.</summary>
public static class CardExpiryTexts
{
    private static readonly ResourceManager Resources =
        new("Portal.Core.Communications.CardExpiry.CardExpiryTexts", typeof(CardExpiryTexts).Assembly);

    public static DonorTexts For(string? language) => new(Resources, language);
}
