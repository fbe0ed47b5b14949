using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Portal.Core.Payments;

namespace Portal.Web.Hosting;

/// <summary>
/// The sandbox's checkout pages answer only while the sandbox is the gateway: after a switch to Stripe, a sandbox
/// session left open must not be payable, or it would record a gift that no one paid.
/// </summary>
public sealed class SandboxOnlyFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var payments = context.HttpContext.RequestServices.GetRequiredService<IOptions<PaymentsOptions>>().Value;
        if (payments.Gateway != GatewayKind.Sandbox)
        {
            context.Result = new NotFoundResult();
            return;
        }

        await next();
    }
}
