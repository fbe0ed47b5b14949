using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Portal.Web.Hosting;

/// <summary>
/// A signed-in member refused only for want of a second factor is sent to set one up (or use it), with the page they
/// wanted to come back to; every other refusal takes the default path (sign-in page or 403).
/// </summary>
public sealed class StaffAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    public const string SetupPath = "/staff/security";

    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var wantsFactor = authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure is { } failure
            && failure.FailedRequirements.All(requirement => requirement is SecondFactorRequirement)
            && failure.FailedRequirements.Any();
        if (!wantsFactor)
        {
            return fallback.HandleAsync(next, context, policy, authorizeResult);
        }

        var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        context.Response.Redirect($"{SetupPath}?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        return Task.CompletedTask;
    }
}
