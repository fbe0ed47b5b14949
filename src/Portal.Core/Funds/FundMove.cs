namespace Portal.Core.Funds;

/// <summary>
/// Staff moving every running sponsorship of a closed fund to another open fund, in one audited step with a reason.
/// The job works through the sponsorships in batches (<see cref="MoveFundSponsorships"/>) and counts them here, so the
/// funds editor shows how far it is; a move is never undone by itself, and past charges keep their fund.
/// </summary>
public class FundMove : Data.IVersioned
{
    public const int ReasonMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid FromFundId { get; set; }

    public Guid ToFundId { get; set; }

    public required string Reason { get; set; }

    public required string ActorId { get; set; }

    public required string ActorName { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The running sponsorships of the fund when the move began.</summary>
    public int Total { get; set; }

    /// <summary>How many have moved so far (each told by e-mail in the same save).</summary>
    public int Moved { get; set; }

    /// <summary>When the last batch was saved; null while the move is going on.</summary>
    public DateTime? FinishedAt { get; set; }

    public int Version { get; set; }
}
