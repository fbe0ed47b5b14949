using System.Resources;
using Portal.Core.Languages;

namespace Portal.Core.Donors;

/// <summary>The words of the sign-in link e-mail, from <c>SignInTexts.resx</c> and its translations.</summary>
public static class SignInTexts
{
    private static readonly ResourceManager Resources = new("Portal.Core.Donors.SignInTexts", typeof(SignInTexts).Assembly);

    public static DonorTexts For(string? language) => new(Resources, language);
}
