using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Languages;

namespace Portal.Core.Sponsorships;

/// <summary>
/// A donor's own changes to a recurring sponsorship: pause, resume, skip, cancel (here) and amount, fund and charge day
/// (<c>SponsorshipChanges.Terms.cs</c>). Each loads the sponsorship only if it is the donor's, refuses a stale form,
/// and saves the change with its audit record and the e-mail that confirms it in one unit of work. Every change acts on
/// the next period: a period already claimed by the charge run keeps its charge as it is. See docs/decisions/010.
/// </summary>
public sealed partial class SponsorshipChanges(
    PortalDbContext db,
    AuditLog audit,
    CharityCalendar calendar,
    SponsorshipRules rules,
    Payments.CurrencyRules currencies,
    SponsorshipChangeEmails emails,
    IBackgroundWork work)
{
    public const int MaxPauseMonths = 6;

    /// <summary>Periods that may go unpaid in a row by skipping; a longer break is a pause.</summary>
    public const int MaxSkipsInARow = 3;

    public const int CancelReasonMaxLength = 500;

    public Task<ChangeResult> PauseAsync(ChangeRequest request, int months, CancellationToken cancellationToken) =>
        ApplyAsync(request, "sponsorship.paused", SponsorshipChangeKind.Paused, s =>
        {
            if (Refusal(s, SponsorshipStatus.Active) is { } refused)
            {
                return Result(refused);
            }

            if (months is < 1 or > MaxPauseMonths)
            {
                return Result(new ChangeResult.Refused(new DonorMessage("Choose a pause of 1 to {0} months.", MaxPauseMonths), "Months"));
            }

            var (pausedUntil, next) = PeriodMoves.Pause(s.NextPeriodStart!.Value, calendar.Today, months, s.Interval, s.ChargeDay);
            if (next == s.NextPeriodStart)
            {
                return Result(new ChangeResult.Refused(
                    new DonorMessage("Nothing is charged before {0} anyway, so a pause of {1} months would change nothing.", next, months),
                    "Months"));
            }

            var before = s.NextPeriodStart;
            s.Status = SponsorshipStatus.Paused;
            s.PausedUntil = pausedUntil;
            s.NextPeriodStart = next;
            return Result(
                new ChangeResult.Changed(new DonorMessage("Paused. Nothing is charged before {0}; your next payment is on {1}.", pausedUntil, next)),
                $"{months} months; next period {before:yyyy-MM-dd} -> {next:yyyy-MM-dd}");
        }, cancellationToken);

    public Task<ChangeResult> ResumeAsync(ChangeRequest request, CancellationToken cancellationToken) =>
        ApplyAsync(request, "sponsorship.resumed", SponsorshipChangeKind.Resumed, async s =>
        {
            if (Refusal(s, SponsorshipStatus.Paused) is { } refused)
            {
                return (refused, null);
            }

            var before = s.NextPeriodStart!.Value;
            var next = PeriodMoves.Resume(before, await FirstUnclaimedAsync(s, cancellationToken), calendar.Today, s.Interval, s.ChargeDay);
            s.Status = SponsorshipStatus.Active;
            s.PausedUntil = null;
            s.NextPeriodStart = next;
            return (new ChangeResult.Changed(
                new DonorMessage("Welcome back. Your next payment is on {0}.", next)), $"next period {before:yyyy-MM-dd} -> {next:yyyy-MM-dd}");
        }, cancellationToken);

    public Task<ChangeResult> SkipNextAsync(ChangeRequest request, CancellationToken cancellationToken) =>
        ApplyAsync(request, "sponsorship.skipped", SponsorshipChangeKind.Skipped, async s =>
        {
            if (Refusal(s, SponsorshipStatus.Active) is { } refused)
            {
                return (refused, null);
            }

            var skipped = s.NextPeriodStart!.Value;
            if (await db.Charges.AnyAsync(c => c.SponsorshipId == s.Id && c.PeriodStart == skipped, cancellationToken))
            {
                return (new ChangeResult.Refused(
                    new DonorMessage("The payment of {0} is already under way and can no longer be skipped.", skipped)), null);
            }

            var next = PeriodMoves.Skip(skipped, s.Interval, s.ChargeDay);
            if (PeriodMoves.Unpaid(await FirstUnclaimedAsync(s, cancellationToken), next, s.Interval, s.ChargeDay) > MaxSkipsInARow)
            {
                return (new ChangeResult.Refused(new DonorMessage(
                    "At most {0} payments in a row can be skipped. For a longer break, pause your sponsorship instead.", MaxSkipsInARow)), null);
            }

            s.NextPeriodStart = next;
            return (
                new ChangeResult.Changed(new DonorMessage("The payment of {0} is skipped. Your next payment is on {1}.", skipped, next)),
                $"skipped {skipped:yyyy-MM-dd}; next period {next:yyyy-MM-dd}");
        }, cancellationToken);

    public Task<ChangeResult> CancelAsync(ChangeRequest request, string? reasonCode, string? reason, CancellationToken cancellationToken) =>
        ApplyAsync(request, "sponsorship.cancelled", SponsorshipChangeKind.Cancelled, async s =>
        {
            if (Refusal(s, SponsorshipStatus.Active, SponsorshipStatus.Paused, SponsorshipStatus.PastDue) is { } refused)
            {
                return (refused, null);
            }

            if (!CancelReasons.IsKnown(reasonCode))
            {
                return (new ChangeResult.Refused(new DonorMessage("Choose the reason closest to yours."), "CancelReasonCode"), null);
            }

            var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            if (text is { Length: > CancelReasonMaxLength })
            {
                return (new ChangeResult.Refused(new DonorMessage("Use at most {0} characters.", CancelReasonMaxLength), "CancelReason"), null);
            }

            s.Status = SponsorshipStatus.Cancelled;
            s.CancelReasonCode = reasonCode;
            s.CancelReason = text;
            s.EndedAt = calendar.UtcNow;
            s.NextPeriodStart = null;
            s.PausedUntil = null;
            // A payment in flight goes on (its outcome is recorded as usual); a declined one is not tried again.
            var retries = await db.Charges.Where(c => c.SponsorshipId == s.Id && c.Status == ChargeStatus.Failed && c.NextRetryAt != null)
                .ToListAsync(cancellationToken);
            retries.ForEach(c => c.NextRetryAt = null);
            return (new ChangeResult.Changed(
                new DonorMessage("Your sponsorship is cancelled; nothing more will be charged. Thank you for all you have given.")), reasonCode);
        }, cancellationToken);

    /// <summary>
    /// Loads the donor's recurring sponsorship, refuses a stale form, applies <paramref name="change"/> and saves it
    /// with its audit record. A concurrent writer (another tab, the charge run) makes the save fail on the version.
    /// </summary>
    private async Task<ChangeResult> ApplyAsync(
        ChangeRequest request,
        string action,
        SponsorshipChangeKind kind,
        Func<Sponsorship, Task<(ChangeResult Result, string? Details)>> change,
        CancellationToken cancellationToken)
    {
        var found = await (
            from s in db.Sponsorships
            where s.Id == request.SponsorshipId && s.DonorId == request.DonorId && s.Interval != SponsorshipInterval.Once
            join donor in db.Donors on s.DonorId equals donor.Id
            select new { Sponsorship = s, Donor = donor }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return new ChangeResult.NotFound();
        }

        var sponsorship = found.Sponsorship;
        if (sponsorship.Version != request.Version)
        {
            return new ChangeResult.ChangedMeanwhile();
        }

        var (fundBefore, nextBefore) = (sponsorship.FundId, sponsorship.NextPeriodStart);
        var (result, details) = await change(sponsorship);
        if (result is not ChangeResult.Changed)
        {
            db.ChangeTracker.Clear();
            return result;
        }

        if (request.Staff is { } staff)
        {
            var why = $"for donor {found.Donor.Email}; reason: {staff.Reason}";
            audit.Record(staff.Id, staff.Name, action, $"sponsorship:{sponsorship.Id}", details is null ? why : $"{details}; {why}", staff.IpAddress);
        }
        else
        {
            audit.Record($"donor:{request.DonorId}", found.Donor.Email, action, $"sponsorship:{sponsorship.Id}", details, request.IpAddress);
        }
        if (request.ConfirmByEmail)
        {
            var funds = await db.Funds.AsNoTracking().Where(f => f.Id == fundBefore || f.Id == sponsorship.FundId)
                .ToDictionaryAsync(f => f.Id, f => f.Name, cancellationToken);
            await emails.QueueAsync(
                kind,
                found.Donor,
                sponsorship,
                request.Version,
                funds[sponsorship.FundId],
                (funds[fundBefore], nextBefore),
                request.Staff is not null,
                cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new ChangeResult.ChangedMeanwhile();
        }
        catch (DbUpdateException)
        {
            // The same change posted twice at once: the other post saved it (and its e-mail) first.
            if (!await ConfirmedMeanwhileAsync(sponsorship.Id, request.Version))
            {
                throw;
            }

            return new ChangeResult.ChangedMeanwhile();
        }

        if (request.ConfirmByEmail)
        {
            work.SendQueuedEmails();
        }

        return result;
    }

    /// <summary>Whether another post of the same change was saved, with its confirmation, while this one was saving.</summary>
    private async Task<bool> ConfirmedMeanwhileAsync(Guid sponsorshipId, int version)
    {
        db.ChangeTracker.Clear();
        var key = SponsorshipChangeEmails.Key(sponsorshipId, version);
        return await db.OutboundEmails.AnyAsync(m => m.IdempotencyKey == key);
    }

    /// <summary>Why a sponsorship in its present state cannot take this change; null when it can.</summary>
    private static ChangeResult.Refused? Refusal(Sponsorship s, params SponsorshipStatus[] allowed)
    {
        if (allowed.Contains(s.Status) && s.NextPeriodStart is not null)
        {
            return null;
        }

        // Only the paused text uses its value, the day the pause ends.
        return new ChangeResult.Refused(new DonorMessage(
            s.Status switch
            {
                SponsorshipStatus.Pending => "Your first payment has not gone through yet. You can change this sponsorship once it has.",
                SponsorshipStatus.Cancelled or SponsorshipStatus.Completed =>
                    "This sponsorship has ended, so it cannot be changed. You are welcome to start a new one.",
                SponsorshipStatus.Failed =>
                    "The first payment of this sponsorship did not go through, so there is nothing to change. You are welcome to start a new one.",
                SponsorshipStatus.PastDue =>
                    "A payment did not go through, so this sponsorship cannot be paused or skipped now. "
                    + "You can change its amount, fund or day, or cancel it.",
                SponsorshipStatus.Paused => "It is paused until {0}. Resume it first.",
                _ => "It is not paused.",
            },
            s.PausedUntil));
    }

    /// <summary>
    /// The first period after the last one claimed, in the sponsorship's calendar: the periods a pause or skips leave
    /// unpaid count from here. After a change of interval, not before the period the new interval began with.
    /// </summary>
    private async Task<DateOnly?> FirstUnclaimedAsync(Sponsorship s, CancellationToken cancellationToken)
    {
        var claimed = await db.Charges.Where(c => c.SponsorshipId == s.Id).MaxAsync(c => (DateOnly?)c.PeriodStart, cancellationToken);
        if (claimed is null)
        {
            return null;
        }

        var next = ChargeSchedule.Next(claimed.Value, s.Interval, s.ChargeDay);
        var begun = s.IntervalFrom is { } from ? ChargeSchedule.WithChargeDay(from, s.ChargeDay) : next;
        return begun > next ? begun : next;
    }
}
