using System.Globalization;
using System.Resources;
using Portal.Core.Languages;
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

/// <summary>
/// The words of each dunning step, from <c>DunningTexts.resx</c> and its translations, in the donor's language (English
/// for a language not supported).
/// </summary>
public static class DunningTexts
{
    private static readonly ResourceManager Resources = new("Portal.Core.Sponsorships.Dunning.DunningTexts", typeof(DunningTexts).Assembly);

    /// <summary>The subject of a message staff write to a past-due sponsor themselves, in the donor's language.</summary>
    public static string ContactSubject(string? language, string fundName) =>
        new DonorTexts(Resources, language).Format("Contact_Subject", fundName);

    /// <param name="reason">The bank's reason in words (the gateway's message), shown as it came.</param>
    public static DunningNotice For(
        DunningStep step, string? language, string charityName, string donorName, string fundName, Money amount, DateOnly period,
        DateOnly? retryOn, string? reason, Uri actionUrl)
    {
        if (!Enum.IsDefined(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, null);
        }

        var texts = new DonorTexts(Resources, language);
        var because = string.IsNullOrWhiteSpace(reason) ? "" : texts.Format("Because", reason);
        // Every text of a step takes the same values: {0} the amount, {1} the fund, {2} the month, {3} the retry day, {4} the reason.
        object[] values =
        [
            amount.Format(texts.Culture), fundName, period.ToString("MMMM yyyy", texts.Culture),
            retryOn is { } day ? texts.Date(day) : "", because,
        ];
        return new DunningNotice(
            texts.Language,
            charityName,
            texts.Format($"{step}_Subject", values),
            texts.Format("Greeting", donorName),
            [texts.Format($"{step}_First", values), texts.Format($"{step}_Second", values)],
            texts[step == DunningStep.ConfirmPayment ? "ConfirmAction" : "UpdateMethod"],
            actionUrl,
            texts.Format("Footer", fundName, charityName));
    }
}
