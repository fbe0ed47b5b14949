using System.Globalization;

namespace Portal.Core.Communications.CardExpiry;

/// <summary>What the expiring-card reminder says, in the donor's language ("de" German, anything else English).</summary>
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
    public bool IsGerman => Language.StartsWith("de", StringComparison.OrdinalIgnoreCase);

    public string HtmlLanguage => IsGerman ? "de" : "en";

    private CultureInfo Culture => CultureInfo.GetCultureInfo(IsGerman ? "de-DE" : "en-GB");

    private string Card
        => (Brand ?? (IsGerman ? "Karte" : "card")) + (Last4 is null ? "" : (IsGerman ? $" mit Endziffern {Last4}" : $" ending in {Last4}"));

    private string ExpiryText => ExpiresOn.ToString("MM/yyyy", Culture);

    private string NextChargeText => NextCharge.ToString(IsGerman ? "d. MMMM yyyy" : "d MMMM yyyy", Culture);

    private string FundsText => string.Join(", ", Funds);

    public string Subject => IsGerman ? "Ihre Karte läuft bald ab" : "Your card is about to expire";

    public string Greeting => IsGerman ? $"Guten Tag {DonorName}," : $"Dear {DonorName},";

    public string Body => IsGerman
        ? $"Ihre {Card}, mit der Sie {FundsText} unterstützen, ist nur bis {ExpiryText} gültig. "
            + $"Die nächste Zahlung ist am {NextChargeText} fällig."
        : $"your {Card}, which pays for your support of {FundsText}, is valid until {ExpiryText} only. Your next payment is due on {NextChargeText}.";

    public string Ask => IsGerman
        ? "Damit Ihre Patenschaft ohne Unterbrechung weiterläuft, hinterlegen Sie bitte jetzt eine neue Karte. "
            + "Es dauert eine Minute; belastet wird dabei nichts."
        : "So that your sponsorship carries on without a gap, please save a new card now. It takes a minute, and nothing is charged.";

    public string Button => IsGerman ? "Karte aktualisieren" : "Update your card";

    public string Thanks => IsGerman ? "Danke, dass Sie Kindern ein Zuhause geben." : "Thank you for giving children a home.";

    public string Footer => IsGerman
        ? $"Sie erhalten diese Nachricht, weil Sie {CharityName} regelmäßig unterstützen. "
            + "Sie betrifft Ihre Zahlungen und wird unabhängig von Ihren Mail-Einstellungen gesendet."
        : $"You receive this because you support {CharityName} regularly. It is about your payments and is sent whatever your mail preferences.";

    /// <summary>The plain-text alternative, with the same words as the HTML.</summary>
    public string Text() =>
        $"{Greeting}\n\n{Body}\n\n{Ask}\n\n{Button}: {Link}\n\n{Thanks}\n{CharityName}\n\n-- \n{Footer}\n";
}
