using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Shared;

namespace Portal.Core.Funds;

/// <summary>
/// How far each fund has come, for the public pages: what it raised (<see cref="FundFigures.Raised"/>) in its own
/// currency (gifts in other currencies are shown to finance, not converted here), the fees paid out of that, and how
/// many donors sponsor it now. Read from the running totals: a few rows per fund, however long the ledger.
/// </summary>
public sealed class FundProgress(PortalDbContext db, FundFiguresReader figures)
{
    public async Task<IReadOnlyDictionary<Guid, FundStanding>> ForAsync(IReadOnlyCollection<Fund> funds, CancellationToken cancellationToken)
    {
        var ids = funds.Select(f => f.Id).ToList();
        var all = await figures.SinceTheBeginningAsync(ids, cancellationToken);
        var sponsors = await db.FundSponsorCounts.AsNoTracking().Where(s => ids.Contains(s.FundId))
            .ToDictionaryAsync(s => s.FundId, s => s.Sponsors, cancellationToken);
        return funds.ToDictionary(
            fund => fund.Id,
            fund =>
            {
                var currency = Currency.Of(fund.Currency);
                var own = all.FirstOrDefault(f => f.FundId == fund.Id && f.Currency == currency) ?? FundFigures.Zero(fund.Id, currency);
                var goal = fund.GoalMinor is { } minor ? new Money(minor, currency) : (Money?)null;
                return new FundStanding(own.Raised, own.Fees, goal, (int)sponsors.GetValueOrDefault(fund.Id));
            });
    }
}

/// <param name="Raised">See <see cref="FundFigures.Raised"/>.</param>
/// <param name="Fees">The processing fees paid out of what was raised.</param>
/// <param name="Sponsors">Donors with a running (active, paused or past-due) sponsorship of the fund.</param>
public sealed record FundStanding(Money Raised, Money Fees, Money? Goal, int Sponsors)
{
    /// <summary>0-100, for a progress bar; 100 once the goal is met.</summary>
    public int Percent => Goal is { Minor: > 0 } goal ? (int)Math.Clamp(Raised.Minor * 100 / goal.Minor, 0, 100) : 0;
}
