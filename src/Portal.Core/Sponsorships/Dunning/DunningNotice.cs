using System.Globalization;
using Portal.Core.Shared;

namespace Portal.Core.Sponsorships.Dunning;

/// <summary>Which step of the dunning path a message is about.</summary>
public enum DunningStep
{
    /// <summary>A soft decline: we will try again on a date.</summary>
    WillRetry = 1,
    /// <summary>A hard decline: only a new payment method helps.</summary>
    NewMethodNeeded = 2,
    /// <summary>The last retry failed: the sponsorship is paused, not cancelled.</summary>
    Paused = 3,
    /// <summary>The bank asks the donor to confirm the payment on-session.</summary>
    ConfirmPayment = 4,
}

/// <summary>Everything one dunning message says, already in the donor's language.</summary>
public sealed record DunningNotice(
    string Language,
    string CharityName,
    string Subject,
    string Greeting,
    IReadOnlyList<string> Paragraphs,
    string ActionLabel,
    Uri ActionUrl,
    string Footer)
{
    public string Text()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(Greeting).AppendLine();
        foreach (var paragraph in Paragraphs)
        {
            text.AppendLine(paragraph).AppendLine();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{ActionLabel}: {ActionUrl}").AppendLine();
        text.AppendLine("-- ").AppendLine(Footer);
        return text.ToString();
    }
}

/// <summary>The words of each dunning step in the languages the portal speaks (English, German); English otherwise.</summary>
public static class DunningTexts
{
    public static readonly IReadOnlyList<string> Languages = ["en", "de"];

    public static string LanguageOf(string? language) =>
        language is { Length: >= 2 } && language[..2].Equals("de", StringComparison.OrdinalIgnoreCase) ? "de" : "en";

    /// <param name="reason">The bank's reason in words (the gateway's message), shown as it came.</param>
    public static DunningNotice For(
        DunningStep step, string? language, string charityName, string donorName, string fundName, Money amount, DateOnly period,
        DateOnly? retryOn, string? reason, Uri actionUrl)
    {
        var de = LanguageOf(language) == "de";
        var culture = CultureInfo.GetCultureInfo(de ? "de-DE" : "en-GB");
        var money = amount.Format(culture);
        var month = period.ToString("MMMM yyyy", culture);
        var retry = retryOn?.ToString(de ? "d. MMMM yyyy" : "d MMMM yyyy", culture) ?? "";
        var because = string.IsNullOrWhiteSpace(reason)
            ? ""
            : de ? $" Die Bank nannte als Grund: „{reason}“" : $" The bank's reason: \"{reason}\"";
        var greeting = de ? $"Liebe/r {donorName}," : $"Dear {donorName},";
        var footer = de
            ? $"Sie erhalten diese Nachricht, weil Sie {fundName} bei {charityName} regelmäßig unterstützen. "
                + "Nachrichten zu Ihren Zahlungen werden immer gesendet."
            : $"You receive this message because you sponsor {fundName} with {charityName}. Messages about your payments are always sent.";
        var (subject, paragraphs, action) = (step, de) switch
        {
            (DunningStep.WillRetry, false) => (
                $"We could not collect your {month} gift to {fundName}",
                new[] {
                    $"we tried to collect your gift of {money} to {fundName} for {month}, but the payment did not go through.{because}",
                    $"Nothing is lost: we will try again on {retry}. If your card or account has changed, you can update it now." },
                "Update your payment method"),
            (DunningStep.WillRetry, true) => (
                $"Ihre Spende für {fundName} ({month}) konnte nicht eingezogen werden",
                new[] {
                    $"wir wollten Ihre Spende von {money} für {fundName} für {month} einziehen, aber die Zahlung ist nicht durchgegangen.{because}",
                    $"Es geht nichts verloren: Wir versuchen es am {retry} erneut. "
                        + "Wenn sich Ihre Karte oder Ihr Konto geändert hat, können Sie sie jetzt ändern." },
                "Zahlungsmittel ändern"),
            (DunningStep.NewMethodNeeded, false) => (
                $"Please update your payment method for {fundName}",
                new[] {
                    $"your bank declined your gift of {money} to {fundName} for {month}, and trying the same card again will not help.{because}",
                    "Please add a new card or account, and we will collect this month's gift with it. Your sponsorship stays in place meanwhile." },
                "Update your payment method"),
            (DunningStep.NewMethodNeeded, true) => (
                $"Bitte ändern Sie Ihr Zahlungsmittel für {fundName}",
                new[] {
                    $"Ihre Bank hat Ihre Spende von {money} für {fundName} für {month} abgelehnt, "
                        + $"und ein neuer Versuch mit derselben Karte hilft nicht.{because}",
                    "Bitte hinterlegen Sie eine neue Karte oder ein neues Konto; wir ziehen die Spende dieses Monats dann damit ein. "
                        + "Ihre Patenschaft bleibt so lange bestehen." },
                "Zahlungsmittel ändern"),
            (DunningStep.Paused, false) => (
                $"Your sponsorship of {fundName} is paused",
                new[] {
                    $"we tried several times to collect your gift of {money} to {fundName} for {month}, without success.{because}",
                    "We have paused your sponsorship; it is not cancelled. Update your payment method and it continues, starting with this gift. "
                        + "If you would rather stop, you can cancel it in your account." },
                "Update your payment method"),
            (DunningStep.Paused, true) => (
                $"Ihre Patenschaft für {fundName} ist pausiert",
                new[] {
                    $"wir haben mehrmals versucht, Ihre Spende von {money} für {fundName} für {month} einzuziehen, leider ohne Erfolg.{because}",
                    "Wir haben Ihre Patenschaft pausiert; sie ist nicht gekündigt. "
                        + "Ändern Sie Ihr Zahlungsmittel, und sie geht weiter, beginnend mit dieser Spende. "
                        + "Wenn Sie lieber aufhören möchten, können Sie sie in Ihrem Konto kündigen." },
                "Zahlungsmittel ändern"),
            (DunningStep.ConfirmPayment, false) => (
                $"Please confirm your {month} gift to {fundName}",
                new[] {
                    $"your bank asks you to confirm your gift of {money} to {fundName} for {month} before it is paid.",
                    "It takes a minute: open the link, check the amount and confirm with your bank. The link is valid for 30 days." },
                "Confirm the payment"),
            (DunningStep.ConfirmPayment, true) => (
                $"Bitte bestätigen Sie Ihre Spende für {fundName} ({month})",
                new[] {
                    $"Ihre Bank bittet Sie, Ihre Spende von {money} für {fundName} für {month} zu bestätigen, bevor sie bezahlt wird.",
                    "Es dauert eine Minute: Öffnen Sie den Link, prüfen Sie den Betrag und bestätigen Sie bei Ihrer Bank. "
                        + "Der Link ist 30 Tage gültig." },
                "Zahlung bestätigen"),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
        };
        return new DunningNotice(de ? "de" : "en", charityName, subject, greeting, paragraphs, action, actionUrl, footer);
    }
}
