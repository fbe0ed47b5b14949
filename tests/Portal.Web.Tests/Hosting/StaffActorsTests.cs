using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Hosting;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Hosting;

/// <summary>The acting staff member is named one way, and a staff action with no staff member behind it is refused.</summary>
public class StaffActorsTests
{
    [Fact]
    public async Task The_actor_is_the_signed_in_user_and_an_action_whose_user_is_gone_is_refused_unrecorded()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = await users.Users.SingleAsync(u => u.Email!.StartsWith("finance-"));
            var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id)], "test"));
            Assert.Equal(new Actor(user.Id, user.Email!), await users.ActorAsync(principal));
            await Assert.ThrowsAsync<NoSignedInStaffException>(() => users.ActorAsync(new ClaimsPrincipal(new ClaimsIdentity())));

            // The account is deleted while its cookie lives on: the cookie still passes the role check, the action must not.
            Assert.True((await users.DeleteAsync(user)).Succeeded);
        }

        var started = await finance.PostAsync("/finance/runs", new Dictionary<string, string>(), action: "/finance/runs?handler=Start");

        Assert.Equal(HttpStatusCode.Forbidden, started.StatusCode);
        // The central handler's page: the refusal's words and next step, not "something went wrong".
        Assert.Contains("You are not signed in as staff", await started.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await portal.QueryAsync(db => db.AuditRecords.AnyAsync(a => a.Action == "charges.run-started")));
    }
}
