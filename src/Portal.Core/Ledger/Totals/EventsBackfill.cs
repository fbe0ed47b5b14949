using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Sponsorships;

namespace Portal.Core.Ledger.Totals;

/// <summary>
/// Gives recurring sponsorships whose events do not add up to what they are now the events that make them add up: a
/// database from before the events, or sponsorships written beside the change tracker (the benchmarks' seeders). A
/// sponsorship without any event gets its start (on the day its first payment succeeded) and, if it has stopped or
/// rests, its end or pause; one with events gets the one event that makes up the difference, on its start's day.
/// </summary>
internal static class EventsBackfill
{
    public static async Task<int> RunAsync(PortalDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var sponsorships = db.Sponsorships.AsNoTracking()
            .Where(s => s.Interval != SponsorshipInterval.Once)
            .Select(s => new
            {
                s.Id,
                s.FundId,
                s.Currency,
                s.Status,
                s.AmountMinor,
                s.Interval,
                s.CancelReasonCode,
                s.StartedAt,
                s.EndedAt,
                s.PastDueSince,
                Count = db.SponsorshipEvents.Count(e => e.SponsorshipId == s.Id),
                Running = db.SponsorshipEvents.Where(e => e.SponsorshipId == s.Id).Sum(e => (int?)e.Running) ?? 0,
                Monthly = db.SponsorshipEvents.Where(e => e.SponsorshipId == s.Id).Sum(e => (long?)e.MonthlyMinor) ?? 0,
            })
            .Where(s => s.Count > 0 || s.StartedAt != null);
        var missing = new List<SponsorshipEvent>();
        await foreach (var s in sponsorships.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var now = SponsorshipEvents.State.Of(s.FundId, s.Currency, s.Status, s.AmountMinor, s.Interval);
            if (now.Running == s.Running && now.MonthlyMinor == s.Monthly)
            {
                continue;
            }

            var started = s.StartedAt is { } at ? DateOnly.FromDateTime(at) : today;
            if (s.Count == 0)
            {
                var active = SponsorshipEvents.State.Of(s.FundId, s.Currency, SponsorshipStatus.Active, s.AmountMinor, s.Interval);
                missing.Add(SponsorshipEvents.New(s.Id, active, started, SponsorshipEventKind.Started, 1, active.MonthlyMinor));
                var (kind, date, reason) = s.Status switch
                {
                    SponsorshipStatus.Cancelled => (SponsorshipEventKind.Cancelled, s.EndedAt, SponsorshipEvents.Reason(s.CancelReasonCode)),
                    SponsorshipStatus.Paused => (SponsorshipEventKind.Paused, (DateTime?)null, ""),
                    SponsorshipStatus.PastDue => (SponsorshipEventKind.Changed, s.PastDueSince, ""),
                    _ => (SponsorshipEventKind.Ended, s.EndedAt, ""),
                };
                if (now.Running != 1 || now.MonthlyMinor != active.MonthlyMinor)
                {
                    var end = date is { } d ? DateOnly.FromDateTime(d) : today;
                    var (running, monthly) = (now.Running - 1, now.MonthlyMinor - active.MonthlyMinor);
                    missing.Add(SponsorshipEvents.New(s.Id, now, end < started ? started : end, kind, running, monthly, reason));
                }
            }
            else
            {
                var (running, monthly) = (now.Running - s.Running, now.MonthlyMinor - s.Monthly);
                var kind = running switch
                {
                    > 0 => SponsorshipEventKind.Started,
                    < 0 => SponsorshipEventKind.Ended,
                    _ => SponsorshipEventKind.Changed,
                };
                missing.Add(SponsorshipEvents.New(s.Id, now, started, kind, running, monthly));
            }
        }

        await new TotalsSql(db).InsertEventsAsync(missing, cancellationToken);
        return missing.Count;
    }
}
