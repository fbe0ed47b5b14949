using Portal.Core.Fundraising;
using Portal.Core.Sponsorships;

namespace Portal.Core.Ledger.Totals;

/// <summary>
/// The one definition of what a change to a sponsorship means for the fundraising figures: a recurring sponsorship
/// counts as running while active, paused or past due (<see cref="SponsorshipStatuses.Running"/>), and promises its
/// monthly equivalent while active. One-time gifts make no events.
/// </summary>
internal static class SponsorshipEvents
{
    public sealed record State(Guid FundId, string Currency, SponsorshipStatus Status, int Running, long MonthlyMinor)
    {
        public static State Of(Guid fundId, string currency, SponsorshipStatus status, long amountMinor, SponsorshipInterval interval)
        {
            var recurs = interval != SponsorshipInterval.Once;
            return new(
                fundId,
                currency,
                status,
                recurs && Sponsorship.IsRunning(status) ? 1 : 0,
                recurs && status == SponsorshipStatus.Active ? MonthlyEquivalent.Of(amountMinor, interval) : 0);
        }
    }

    /// <summary>The events of one saved change from <paramref name="before"/> (null: new) to <paramref name="after"/> (null: deleted).</summary>
    public static IEnumerable<SponsorshipEvent> Of(Guid sponsorshipId, DateOnly date, State? before, State? after, string? cancelReason)
    {
        SponsorshipEvent Event(State state, SponsorshipEventKind kind, int running, long monthly, string reason = "") =>
            New(sponsorshipId, state, date, kind, running, monthly, reason);

        if (before is not null && after is not null && (before.FundId, before.Currency) != (after.FundId, after.Currency))
        {
            if (before.Running != 0 || before.MonthlyMinor != 0)
            {
                yield return Event(before, SponsorshipEventKind.MovedOut, -before.Running, -before.MonthlyMinor);
            }

            if (after.Running != 0 || after.MonthlyMinor != 0)
            {
                yield return Event(after, SponsorshipEventKind.MovedIn, after.Running, after.MonthlyMinor);
            }

            yield break;
        }

        var state = after ?? before;
        if (state is null)
        {
            yield break;
        }

        var (wasRunning, wasMonthly, wasStatus) = before is null
            ? (0, 0L, SponsorshipStatus.Pending)
            : (before.Running, before.MonthlyMinor, before.Status);
        var (running, monthly, status) = after is null ? (0, 0L, SponsorshipStatus.Cancelled) : (after.Running, after.MonthlyMinor, after.Status);
        var (runningChange, monthlyChange) = (running - wasRunning, monthly - wasMonthly);
        var kind = (wasRunning, running) switch
        {
            (0, 1) => SponsorshipEventKind.Started,
            (1, 0) when status == SponsorshipStatus.Cancelled => SponsorshipEventKind.Cancelled,
            (1, 0) => SponsorshipEventKind.Ended,
            (1, 1) when wasStatus != SponsorshipStatus.Paused && status == SponsorshipStatus.Paused => SponsorshipEventKind.Paused,
            (1, 1) when wasStatus == SponsorshipStatus.Paused && status != SponsorshipStatus.Paused => SponsorshipEventKind.Resumed,
            _ when monthlyChange != 0 => SponsorshipEventKind.Changed,
            _ => (SponsorshipEventKind?)null,
        };
        if (kind is { } happened)
        {
            var reason = happened == SponsorshipEventKind.Cancelled ? Reason(cancelReason) : "";
            yield return Event(state, happened, runningChange, monthlyChange, reason);
        }
    }

    /// <summary>A cancellation's reason code as the figures keep it: a known code, "other" for anything else, "" when none was given.</summary>
    public static string Reason(string? code) => code is null or "" ? "" : CancelReasons.IsKnown(code) ? code : "other";

    /// <summary>An event of a sponsorship in the fund and currency of <paramref name="state"/>.</summary>
    public static SponsorshipEvent New(
        Guid sponsorshipId,
        State state,
        DateOnly date,
        SponsorshipEventKind kind,
        int running,
        long monthly,
        string reason = "") => new()
        {
            SponsorshipId = sponsorshipId,
            FundId = state.FundId,
            Currency = state.Currency,
            Date = date,
            Kind = kind,
            Reason = reason,
            Running = running,
            MonthlyMinor = monthly,
        };
}
