namespace Portal.Core.Sponsorships;

/// <summary>
/// One line of a charge's history: what happened to an attempt (sent, succeeded, declined, returned, retried by
/// staff...). Finance's past-due queue shows these; nothing reads them to decide what to do next.
/// </summary>
public class ChargeAttempt
{
    public long Id { get; set; }

    public Guid ChargeId { get; set; }

    public int Attempt { get; set; }

    public DateTime OccurredAt { get; set; }

    public ChargeAttemptOutcome Outcome { get; set; }

    public string? DeclineCode { get; set; }

    public string? Message { get; set; }
}

public enum ChargeAttemptOutcome
{
    Succeeded = 1,
    Processing = 2,
    SoftDecline = 3,
    HardDecline = 4,
    AuthenticationRequired = 5,
    /// <summary>A payment that had succeeded or was processing failed after all (a SEPA debit returned).</summary>
    Returned = 6,
    /// <summary>Staff or the donor (with a new card) asked for another attempt.</summary>
    RetryRequested = 7,
    /// <summary>The gateway did not answer; the outcome was later read back from the gateway.</summary>
    Resolved = 8,
}
