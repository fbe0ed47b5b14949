using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Security;

/// <summary>What a refused request must leave as it was: every row a donor or staff form can change, as one text.</summary>
public static class DatabaseSnapshot
{
    public static Task<string> TakeAsync(PortalFactory portal) => portal.QueryAsync(async db => JsonSerializer.Serialize(new object[]
    {
        await db.Sponsorships.OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Version, s.Status, s.AmountMinor, s.ChargeDay, s.FundId, s.NextPeriodStart }).ToListAsync(),
        await db.Charges.OrderBy(c => c.Id).Select(c => new { c.Id, c.Status }).ToListAsync(),
        await db.RefundRequests.OrderBy(r => r.Id).Select(r => new { r.Id, r.Status, r.Reason }).ToListAsync(),
        await db.Donors.OrderBy(d => d.Id).Select(d => new { d.Id, d.MailConsents, d.Email }).ToListAsync(),
        await db.DonorSignInTokens.OrderBy(t => t.Id).Select(t => new { t.Id, t.UsedAt }).ToListAsync(),
        await db.Refunds.CountAsync(),
        await db.EmailSuppressions.CountAsync(),
        await db.AuditRecords.CountAsync(),
        await db.SpendingRecords.CountAsync(),
        await db.OfflineGifts.CountAsync(),
        await db.ClosedPeriods.CountAsync(),
        await db.ImpactUpdates.CountAsync(),
        await db.Users.CountAsync(),
    }));
}
