using System.Collections.Frozen;

namespace Portal.Core.Payments;

/// <summary>Which decline codes are worth retrying. From Stripe's decline-code table; unknown codes count as soft.</summary>
public static class DeclineCodes
{
    public const string AuthenticationRequired = "authentication_required";

    private static readonly FrozenSet<string> Hard = new[]
    {
        "lost_card", "stolen_card", "pickup_card", "restricted_card", "invalid_account", "account_closed",
        "card_not_supported", "currency_not_supported", "do_not_honor_permanently", "expired_card", "fraudulent",
        "incorrect_number", "invalid_number", "merchant_blacklist", "new_account_information_available",
        "revocation_of_all_authorizations", "revocation_of_authorization", "security_violation",
        "stop_payment_order", "transaction_not_allowed", "no_account", "debit_not_authorized",
    }.ToFrozenSet();

    public static DeclineKind Classify(string? code) =>
        code is not null && Hard.Contains(code) ? DeclineKind.Hard : DeclineKind.Soft;
}
