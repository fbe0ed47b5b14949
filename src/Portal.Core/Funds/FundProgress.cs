using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;

namespace Portal.Core.Funds;

/// <summary>
/// How far each fund has come, from the ledger: gifts received plus its opening balance, in the fund's own currency
/// (gifts in other currencies count once finance converts them at payout), and how many donors sponsor it now.
/// </summary>
public sealed class FundProgress(PortalDbContext db)
{
    public async Task<IReadOnlyDictionary<Guid, FundStanding>> ForAsync(IReadOnlyCollection<Fund> funds, CancellationToken cancellationToken)
    {
        var ids = funds.Select(f => f.Id).ToList();
        var raised = await db.JournalLines
            .Where(line => line.Account!.FundId != null && ids.Contains(line.Account.FundId!.Value)
                && (line.Account.Kind == AccountKind.FundIncome || line.Account.Kind == AccountKind.OpeningBalance))
            .GroupBy(line => new { FundId = line.Account!.FundId!.Value, line.Currency })
            .Select(group => new { group.Key.FundId, group.Key.Currency, Credit = -group.Sum(line => line.AmountMinor) })
            .ToListAsync(cancellationToken);
        var sponsors = await db.Sponsorships
            .Where(s => ids.Contains(s.FundId) && (s.Status == SponsorshipStatus.Active || s.Status == SponsorshipStatus.Paused || s.Status == SponsorshipStatus.PastDue))
            .GroupBy(s => s.FundId)
            .Select(group => new { FundId = group.Key, Donors = group.Select(s => s.DonorId).Distinct().Count() })
            .ToListAsync(cancellationToken);

        return funds.ToDictionary(
            fund => fund.Id,
            fund =>
            {
                var currency = Currency.Of(fund.Currency);
                var inCurrency = raised.Where(r => r.FundId == fund.Id && r.Currency == fund.Currency).Sum(r => r.Credit);
                var goal = fund.GoalMinor is { } minor ? new Money(minor, currency) : (Money?)null;
                return new FundStanding(new Money(inCurrency, currency), goal, sponsors.FirstOrDefault(s => s.FundId == fund.Id)?.Donors ?? 0);
            });
    }
}

public sealed record FundStanding(Money Raised, Money? Goal, int Sponsors)
{
    /// <summary>0-100, for a progress bar; 100 once the goal is met.</summary>
    public int Percent => Goal is { Minor: > 0 } goal ? (int)Math.Clamp(Raised.Minor * 100 / goal.Minor, 0, 100) : 0;
}
