using Microsoft.EntityFrameworkCore;
using Portal.Core.Funds;
using Portal.Core.Languages;
using Portal.Core.Shared;

namespace Portal.Core.Sponsorships;

/// <summary>The terms a donor may change in place, even while a payment is overdue: amount, fund, charge day and interval.</summary>
public sealed partial class SponsorshipChanges
{
    private static readonly SponsorshipStatus[] TermsChangeable = [SponsorshipStatus.Active, SponsorshipStatus.Paused, SponsorshipStatus.PastDue];

    /// <summary>From the next claimed period on; the charge run copies the amount into each charge when it claims it.</summary>
    public Task<ChangeResult> ChangeAmountAsync(ChangeRequest request, string? amount, CancellationToken cancellationToken) =>
        ApplyAsync(request, "sponsorship.amount-changed", SponsorshipChangeKind.AmountChanged, s =>
        {
            if (Refusal(s, TermsChangeable) is { } refused)
            {
                return Result(refused);
            }

            if (rules.CheckAmount(amount?.Trim(), Currency.Of(s.Currency), out var newAmount) is { } error)
            {
                return Result(new ChangeResult.Refused(error, "Amount"));
            }

            var before = s.ChargeAmount;
            s.AmountMinor = newAmount.Minor;
            // A donor who covered the fee keeps covering it, for the new amount.
            s.FeeCoverMinor = s.FeeCoverMinor > 0 ? currencies.FeeCover(newAmount).Minor : 0;
            return Result(
                new ChangeResult.Changed(new DonorMessage("From your next payment on, you give {0}.", s.ChargeAmount)),
                $"{before} -> {s.ChargeAmount}");
        }, cancellationToken);

    /// <summary>
    /// Only to a fund taking gifts as often as the sponsorship gives, and not while a payment is under way: a payment's
    /// ledger entry goes to the sponsorship's fund.
    /// </summary>
    public Task<ChangeResult> ChangeFundAsync(ChangeRequest request, string? fundSlug, CancellationToken cancellationToken) =>
        ApplyAsync(request, "sponsorship.fund-changed", SponsorshipChangeKind.FundChanged, async s =>
        {
            if (Refusal(s, TermsChangeable) is { } refused)
            {
                return (refused, null);
            }

            var fund = await db.Funds.AsNoTracking().SingleOrDefaultAsync(f => f.Slug == fundSlug && f.Status == FundStatus.Open, cancellationToken);
            if (fund is null)
            {
                return (new ChangeResult.Refused(new DonorMessage("Choose a village or program from the list."), "FundSlug"), null);
            }

            if (fund.Id == s.FundId)
            {
                return (new ChangeResult.Refused(new DonorMessage("Your sponsorship already goes to {0}.", fund.Name), "FundSlug"), null);
            }

            if (!fund.Intervals.Offers(s.Interval))
            {
                return (new ChangeResult.Refused(
                    new DonorMessage("{0} does not take gifts this often. Choose another village or program.", fund.Name), "FundSlug"), null);
            }

            if (await db.Charges.AnyAsync(
                c => c.SponsorshipId == s.Id && (UnderWay.Contains(c.Status) || (c.Status == ChargeStatus.Failed && c.NextRetryAt != null)),
                cancellationToken))
            {
                return (new ChangeResult.Refused(
                    new DonorMessage(
                        "A payment is under way. You can change where your gift goes once it has gone through (usually within a few days)."),
                    "FundSlug"), null);
            }

            var before = s.FundId;
            s.FundId = fund.Id;
            return (new ChangeResult.Changed(new DonorMessage("From your next payment on, your gift goes to {0}.", fund.Name)),
                $"fund {before} -> {fund.Id}");
        }, cancellationToken);

    /// <summary>The next period moves to the new day in its own month: one payment a month either way.</summary>
    public Task<ChangeResult> ChangeChargeDayAsync(ChangeRequest request, int? chargeDay, CancellationToken cancellationToken) =>
        ApplyAsync(request, "sponsorship.charge-day-changed", SponsorshipChangeKind.DayChanged, s =>
        {
            if (Refusal(s, TermsChangeable) is { } refused)
            {
                return Result(refused);
            }

            if (chargeDay is not (>= 1 and <= 31) || chargeDay == s.ChargeDay)
            {
                return Result(new ChangeResult.Refused(
                    new DonorMessage(chargeDay == s.ChargeDay ? "That is already your payment day." : "Choose a day from 1 to 31."),
                    "ChargeDay"));
            }

            var before = s.NextPeriodStart;
            s.ChargeDay = chargeDay.Value;
            s.NextPeriodStart = PeriodMoves.ChangeDay(
                s.NextPeriodStart!.Value,
                s.Status == SponsorshipStatus.Paused ? s.PausedUntil : null,
                s.Interval,
                s.ChargeDay);
            return Result(
                new ChangeResult.Changed(new DonorMessage(
                    chargeDay > 28 ? "Your next payment is on {0}. In shorter months it is the month's last day." : "Your next payment is on {0}.",
                    s.NextPeriodStart)),
                $"day {chargeDay}; next period {before:yyyy-MM-dd} -> {s.NextPeriodStart:yyyy-MM-dd}");
        }, cancellationToken);

    /// <summary>
    /// Only to an interval the sponsorship's fund offers. The next payment stays where it is, at the end of the period
    /// already paid (or skipped): nothing paid is charged again and no period goes unpaid. From there the periods follow
    /// the new interval, and <see cref="Sponsorship.IntervalFrom"/> remembers where they began.
    /// </summary>
    public Task<ChangeResult> ChangeIntervalAsync(ChangeRequest request, SponsorshipInterval? interval, CancellationToken cancellationToken) =>
        ApplyAsync(request, "sponsorship.interval-changed", SponsorshipChangeKind.IntervalChanged, async s =>
        {
            // A paused sponsorship's next period was moved by the pause from the old interval's calendar.
            if (Refusal(s, SponsorshipStatus.Active, SponsorshipStatus.PastDue) is { } refused)
            {
                return (refused, null);
            }

            if (interval is not (SponsorshipInterval.Monthly or SponsorshipInterval.Quarterly or SponsorshipInterval.Yearly))
            {
                return (new ChangeResult.Refused(new DonorMessage("Choose monthly, quarterly or yearly."), "Interval"), null);
            }

            if (interval == s.Interval)
            {
                return (new ChangeResult.Refused(new DonorMessage("That is already how often you give."), "Interval"), null);
            }

            var fund = await db.Funds.AsNoTracking().SingleAsync(f => f.Id == s.FundId, cancellationToken);
            if (!fund.Intervals.Offers(interval.Value))
            {
                return (new ChangeResult.Refused(
                    new DonorMessage("{0} does not take gifts this often. Choose another interval.", fund.Name), "Interval"), null);
            }

            var before = s.Interval;
            s.Interval = interval.Value;
            s.IntervalFrom = s.NextPeriodStart;
            return (new ChangeResult.Changed(new DonorMessage(
                    interval switch
                    {
                        SponsorshipInterval.Monthly => "You now give every month. Your next payment is on {0}.",
                        SponsorshipInterval.Quarterly => "You now give every quarter. Your next payment is on {0}.",
                        _ => "You now give every year. Your next payment is on {0}.",
                    },
                    s.NextPeriodStart)),
                $"interval {before} -> {s.Interval}; next period {s.NextPeriodStart:yyyy-MM-dd}");
        }, cancellationToken);

    // Charges whose outcome is not final yet (a declined one waiting for its retry is checked apart).
    private static readonly ChargeStatus[] UnderWay
        = [ChargeStatus.Scheduled, ChargeStatus.InFlight, ChargeStatus.Processing, ChargeStatus.ActionRequired];

    private static Task<(ChangeResult, string?)> Result(ChangeResult result, string? details = null) => Task.FromResult((result, details));
}
