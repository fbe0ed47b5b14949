namespace Portal.Core.Privacy;

/// <summary>
/// A donor's right to erasure (GDPR Art. 17), asked once and carried out once. The row is written before any work and
/// moves through <see cref="ErasureState"/>; a run that stops half-way (a crash, the gateway down) is finished by running
/// it again, which skips the steps already done. One row per donor: asking again returns the first.
/// </summary>
public class ErasureRequest
{
    public long Id { get; set; }

    public Guid DonorId { get; set; }

    public ErasureSource Source { get; set; }

    /// <summary>Staff's reference for a request by post ("letter of 3 March, file 12"); the retention rule for automatic ones.</summary>
    public string? Reference { get; set; }

    /// <summary>Who recorded it: <c>donor:{id}</c>, a staff user's id, or <c>system</c>.</summary>
    public required string RequestedBy { get; set; }

    public ErasureState State { get; set; }

    public DateTime RequestedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>Why the last run stopped short (the gateway did not answer); cleared when it completes.</summary>
    public string? LastError { get; set; }
}

public enum ErasureSource
{
    Donor = 0,
    Post = 1,
    Retention = 2,
}

/// <summary>The steps, in order. Each is recorded when done, so a re-run starts at the first not done.</summary>
public enum ErasureState
{
    Requested = 0,
    SponsorshipsCancelled = 1,
    GatewayCustomersDeleted = 2,
    Completed = 3,
}
