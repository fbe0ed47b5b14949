using Portal.Core.Languages;

namespace Portal.Core.Communications.CardExpiry;

/// <summary>What the expiring-card reminder says, in the donor's language (English for a language not supported).</summary>
public sealed record CardExpiryView(
    string CharityName,
    string DonorName,
    string Language,
    string? Brand,
    string? Last4,
    DateOnly ExpiresOn,
    DateOnly NextCharge,
    IReadOnlyList<string> Funds,
    string Link)
{
    private DonorTexts Texts => CardExpiryTexts.For(Language);

    /// <summary>The supported language the reminder is written in: the message's <c>lang</c>.</summary>
    public string HtmlLanguage => Texts.Language;

    private string Card => Last4 is null ? Brand ?? Texts["Card"] : Texts.Format("CardEnding", Brand ?? Texts["Card"], Last4);

    private string ExpiryText => ExpiresOn.ToString("MM/yyyy", Texts.Culture);

    private string FundsText => string.Join(", ", Funds);

    public string Subject => Texts["Subject"];

    public string Greeting => Texts.Format("Greeting", DonorName);

    public string Body => Texts.Format("Body", Card, FundsText, ExpiryText, Texts.Date(NextCharge));

    public string Ask => Texts["Ask"];

    public string Button => Texts["Button"];

    public string Thanks => Texts["Thanks"];

    public string Footer => Texts.Format("Footer", CharityName);

    /// <summary>The plain-text alternative, with the same words as the HTML.</summary>
    public string Text() =>
        $"{Greeting}\n\n{Body}\n\n{Ask}\n\n{Button}: {Link}\n\n{Thanks}\n{CharityName}\n\n-- \n{Footer}\n";
}
