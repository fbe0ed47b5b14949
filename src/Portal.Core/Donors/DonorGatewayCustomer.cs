namespace Portal.Core.Donors;

/// <summary>The donor's customer record at one payment gateway, created with their first checkout there.</summary>
public class DonorGatewayCustomer
{
    public long Id { get; set; }

    public Guid DonorId { get; set; }

    /// <summary>The gateway's name (<c>stripe</c>, <c>sandbox</c>).</summary>
    public required string Gateway { get; set; }

    public required string CustomerId { get; set; }

    public DateTime CreatedAt { get; set; }
}
