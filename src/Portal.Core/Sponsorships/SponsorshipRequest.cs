namespace Portal.Core.Sponsorships;

/// <summary>What the sponsor form sends, as typed. <see cref="StartSponsorship"/> checks all of it.</summary>
public sealed record SponsorshipRequest(
    string FundSlug,
    string? Amount,
    string? Currency,
    string? Interval,
    bool CoverFee,
    string? DedicationKind,
    string? DedicationName,
    string? Name,
    string? Email,
    string? Country,
    Communications.Consent.MailTopics ConsentTopics,
    string Language,
    string? CheckoutReference = null);

/// <summary>The outcome of a sponsor form: where to send the donor, or why not.</summary>
public abstract record StartResult
{
    private StartResult()
    {
    }

    public sealed record RedirectToCheckout(Uri Url, Guid SponsorshipId) : StartResult;

    /// <summary>Field name (as on the form) to message; nothing was stored.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, Languages.DonorMessage> Errors) : StartResult;

    public sealed record FundNotFound : StartResult;

    /// <summary>Too many checkouts for this e-mail address lately: the velocity check against card testing.</summary>
    public sealed record TooManyAttempts : StartResult;

    public sealed record GatewayUnavailable(Languages.DonorMessage Message) : StartResult;

    /// <summary>Too many declined cards lately from this browser or on this fund: no new checkout for a while.</summary>
    public sealed record TooManyDeclines(Languages.DonorMessage Message) : StartResult;
}
