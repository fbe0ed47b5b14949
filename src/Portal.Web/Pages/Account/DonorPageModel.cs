using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Hosting;

namespace Portal.Web.Pages.Account;

/// <summary>A page of the signed-in donor's own data: every query is scoped by <see cref="DonorId"/>.</summary>
public abstract class DonorPageModel : PageModel
{
    protected Guid DonorId => Guid.Parse(User.FindFirst(PortalPolicies.DonorIdClaim)!.Value);
}
