using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Web.Areas.Finance.Pages.Audit;

/// <summary>The audit trail, newest first, and a check of its chain that names the first record changed behind the portal's back.</summary>
public sealed class IndexModel(PortalDbContext db, AuditChain chain) : PageModel
{
    public ChainCheck? Check { get; private set; }

    public List<AuditRecord> Records { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Records = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Id).Take(100).ToListAsync(cancellationToken);

    /// <summary>Seals what is new, then verifies the whole chain.</summary>
    public async Task OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        await chain.SealAsync(cancellationToken);
        Check = await chain.VerifyAsync(cancellationToken);
        await OnGetAsync(cancellationToken);
    }
}
