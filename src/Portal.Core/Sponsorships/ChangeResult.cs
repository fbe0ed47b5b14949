using Portal.Core.Languages;

namespace Portal.Core.Sponsorships;

/// <summary>
/// Which of a donor's sponsorships to change, and the version of it the donor was looking at. The donor is sent an
/// e-mail that confirms the change unless <paramref name="ConfirmByEmail"/> is false (an erasure's own cancelling).
/// <paramref name="Staff"/> is the member of donor care who makes the change for the donor, with their reason; the
/// audit record names them, and the donor is told by the same e-mail.
/// </summary>
public sealed record ChangeRequest(
    Guid DonorId, Guid SponsorshipId, int Version, string? IpAddress = null, bool ConfirmByEmail = true, Donors.Care.StaffActor? Staff = null);

/// <summary>What became of a donor's change: done, refused with a reason, or overtaken by another change.</summary>
public abstract record ChangeResult
{
    private ChangeResult()
    {
    }

    /// <summary>Saved with its audit record; <see cref="Message"/> tells the donor what happens next.</summary>
    public sealed record Changed(DonorMessage Message) : ChangeResult;

    /// <summary>Not this donor's recurring sponsorship (or none at all): nothing is revealed.</summary>
    public sealed record NotFound : ChangeResult;

    /// <summary>Nothing was changed; <see cref="Field"/> names the form field at fault, or null for the whole change.</summary>
    public sealed record Refused(DonorMessage Message, string? Field = null) : ChangeResult;

    /// <summary>Someone (the donor in another tab, the charge run) changed the sponsorship after the donor looked at it.</summary>
    public sealed record ChangedMeanwhile : ChangeResult
    {
        public static DonorMessage Message { get; } = new DonorMessage(
            "This sponsorship changed while you were looking at it. Please look at it again and repeat your change if you still want it.");
    }
}
