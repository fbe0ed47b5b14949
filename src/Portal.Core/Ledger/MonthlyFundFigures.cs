using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Shared;

namespace Portal.Core.Ledger;

/// <summary>Each fund's gifts kept, spending and fees per month and currency: <see cref="FundFigures"/> of each month.</summary>
public sealed class MonthlyFundFigures(PortalDbContext db, FundFiguresReader figures)
{
    /// <summary>
    /// The <paramref name="months"/> calendar months up to and including <paramref name="today"/>'s, oldest first;
    /// months without lines are left out.
    /// </summary>
    public async Task<IReadOnlyList<FundMonth>> LastMonthsAsync(DateOnly today, int months, CancellationToken cancellationToken)
    {
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - months);
        var byMonth = await figures.ByMonthAsync(start, today, cancellationToken);
        var funds = await db.Funds.AsNoTracking().ToDictionaryAsync(f => f.Id, cancellationToken);
        return byMonth
            .Where(m => !m.Figures.GiftsKept.IsZero || !m.Figures.Spent.IsZero || !m.Figures.Fees.IsZero)
            .Select(m => new FundMonth(
                funds[m.Figures.FundId].Code,
                funds[m.Figures.FundId].Name,
                m.Month,
                m.Figures.GiftsKept,
                m.Figures.Spent,
                m.Figures.Fees))
            .OrderBy(m => m.FundName).ThenBy(m => m.Income.Currency.Code).ThenBy(m => m.Month)
            .ToList();
    }
}

/// <param name="Income">The gifts the fund kept that month (<see cref="FundFigures.GiftsKept"/>).</param>
public sealed record FundMonth(string FundCode, string FundName, DateOnly Month, Money Income, Money Spending, Money Fees);
