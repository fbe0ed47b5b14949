namespace Portal.Core.Donors;

/// <summary>
/// One signed-in browser of a donor. The donor cookie carries <see cref="Id"/>, and is accepted only while this row is
/// not revoked (<see cref="DonorSessions"/>): signing out, or "sign out everywhere", ends the session on every node.
/// </summary>
public class DonorSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DonorId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Updated at most every <see cref="DonorSessions.TouchInterval"/>, not on every request.</summary>
    public DateTime LastSeenAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>The browser and system, in a few words ("Firefox on Windows"), for the donor's own list.</summary>
    public string UserAgent { get; set; } = "";
}

/// <summary>
/// A request for a sign-in link, recorded by the form and worked by a job (<see cref="DonorSignIn.SendRequestedLinksAsync"/>),
/// so the form does the same work for a known and an unknown address. Deleted when worked: no address is kept.
/// </summary>
public class DonorSignInRequest
{
    public long Id { get; set; }

    public required string Email { get; set; }

    public DateTime RequestedAt { get; set; }
}
