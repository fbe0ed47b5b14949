namespace Portal.Core.Payments;

/// <summary>The metadata keys our gateway objects carry.</summary>
public static class PaymentMetadata
{
    public const string ChargeId = "charge_id";
    public const string SponsorshipId = "sponsorship_id";
    public const string DonorId = "donor_id";
    public const string FundId = "fund_id";
    public const string Attempt = "attempt";

    public static IReadOnlyDictionary<string, string> For(Guid chargeId, Guid sponsorshipId, Guid donorId, Guid fundId, int attempt = 1) =>
        new Dictionary<string, string>
        {
            [ChargeId] = chargeId.ToString(),
            [SponsorshipId] = sponsorshipId.ToString(),
            [DonorId] = donorId.ToString(),
            [FundId] = fundId.ToString(),
            [Attempt] = attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

    public static int? AttemptFrom(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(Attempt, out var text)
            && int.TryParse(
                text,
                System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture,
                out var attempt) ? attempt : null;

    public static Guid? ChargeIdFrom(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(ChargeId, out var text) && Guid.TryParse(text, out var id) ? id : null;
}
