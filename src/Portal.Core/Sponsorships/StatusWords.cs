namespace Portal.Core.Sponsorships;

/// <summary>
/// The one word a donor reads for each status of a sponsorship or a payment, on every page (account, sponsorship,
/// thank-you) and in their CSV. A page chooses only the colour; the word comes from here.
/// </summary>
public static class StatusWords
{
    public static string Of(SponsorshipStatus status) => status switch
    {
        SponsorshipStatus.Active => "Active",
        SponsorshipStatus.Completed => "Given",
        SponsorshipStatus.Pending => "Waiting for payment",
        SponsorshipStatus.Paused => "Paused",
        SponsorshipStatus.PastDue => "Payment needed",
        SponsorshipStatus.Failed => "Not paid",
        _ => "Cancelled",
    };

    public static string Of(ChargeStatus status) => status switch
    {
        ChargeStatus.Succeeded => "Paid",
        ChargeStatus.Processing => "Processing",
        ChargeStatus.InFlight or ChargeStatus.Scheduled or ChargeStatus.ActionRequired => "Pending",
        ChargeStatus.Failed => "Not paid",
        ChargeStatus.Refunded => "Refunded",
        _ => "Disputed",
    };
}
