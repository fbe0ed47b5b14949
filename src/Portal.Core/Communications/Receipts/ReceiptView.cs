using System.Globalization;
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

    public bool IsAmended => !Refunded.IsZero;

    public Money Kept => Amount - Refunded;

    public Money Gift => Amount - FeeCover;

    public string IntervalText => Interval switch
    {
        SponsorshipInterval.Monthly => "Monthly sponsorship",
        SponsorshipInterval.Quarterly => "Quarterly sponsorship",
        SponsorshipInterval.Yearly => "Yearly sponsorship",
        _ => "One-time gift",
    };

    public string? DedicationText => DedicationKind switch
    {
        DedicationKind.InHonourOf => $"In honour of {DedicationName}",
        DedicationKind.InMemoryOf => $"In memory of {DedicationName}",
        _ => null,
    };

    public string DateText => Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"2026-0001234": the year and the ledger entry that recorded the gift.</summary>
    public static string Number(DateOnly date, long journalEntryId) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}-{journalEntryId:D7}");
}
