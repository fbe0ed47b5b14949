using System.Globalization;

namespace Portal.Core.Sponsorships;

/// <summary>What a donor changed, for the e-mail that confirms it.</summary>
public enum SponsorshipChangeKind
{
    Paused,
    Resumed,
    Skipped,
    AmountChanged,
    FundChanged,
    DayChanged,
    IntervalChanged,
    Cancelled,
}

/// <summary>Everything the confirmation of one change says, already in the donor's language.</summary>
public sealed record SponsorshipChangeNotice(
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
