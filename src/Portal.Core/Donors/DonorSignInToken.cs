namespace Portal.Core.Donors;

/// <summary>An e-mailed sign-in link: short-lived, single use. Only the token's hash is stored.</summary>
public class DonorSignInToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DonorId { get; set; }

    /// <summary>SHA-256 of the token in the link, hex.</summary>
    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}
