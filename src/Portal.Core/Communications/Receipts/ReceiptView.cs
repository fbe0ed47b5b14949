using System.Globalization;
using Portal.Core.Languages;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;

namespace Portal.Core.Communications.Receipts;

/// <summary>Everything a receipt shows, for the e-mail and the dashboard page alike.</summary>
public sealed record ReceiptView(
    string CharityName,
    string ReceiptNumber,
    DateOnly Date,
    string DonorName,
    string DonorEmail,
    string FundName,
    Money Amount,
    Money FeeCover,
    SponsorshipInterval Interval,
    DedicationKind DedicationKind,
    string? DedicationName,
    string? PaymentReference)
{
    /// <summary>What was given back since (refunds): a receipt with any is amended and counts only what was kept.</summary>
    public Money Refunded { get; init; } = Money.Zero(Amount.Currency);

    /// <summary>The donor's language: the receipt's words, dates and amounts are written in it.</summary>
    public string Language { get; init; } = PortalLanguages.Default;

    public DonorTexts Texts => ReceiptTexts.For(Language);

    public bool IsAmended => !Refunded.IsZero;

    /// <summary>
    /// The donor's gift reference for this fund (decision 033), printed for a transfer or standing order; null when none
    /// was given yet.
    /// </summary>
    public string? GiftReference { get; init; }

    public Money Kept => Amount - Refunded;

    public Money Gift => Amount - FeeCover;

    /// <summary>"monthly sponsorship", "one-time gift": what the gift was, as it reads within a sentence.</summary>
    public string IntervalText => Texts[Interval == SponsorshipInterval.Once ? "Interval_OneTime" : $"Interval_{Interval}"];

    public string? DedicationText => DedicationKind is DedicationKind.InHonourOf or DedicationKind.InMemoryOf
        ? Texts.Format($"Dedication_{DedicationKind}", DedicationName)
        : null;

    public string DateText => Texts.Date(Date);

    /// <summary>"2026-0001234": the year and the ledger entry that recorded the gift.</summary>
    public static string Number(DateOnly date, long journalEntryId) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}-{journalEntryId:D7}");
}
