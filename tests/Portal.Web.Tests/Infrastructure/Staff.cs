using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Staff;

namespace Portal.Web.Tests.Infrastructure;

public static class Staff
{
    /// <summary>Creates a staff account with the role and signs the client in with it.</summary>
    public static async Task SignInAsStaffAsync(this HttpClient client, PortalFactory portal, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@charity.test";
        string password;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            password = (await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, role, "test"))!;
        }

        var response = await client.PostAsync(
            "/staff/login",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
