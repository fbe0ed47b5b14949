using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications;
using Portal.Core.Communications.Consent;
using Portal.Core.Donors;
using Portal.Core.Hosting;
using Portal.Core.Staff;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Hosting;

/// <summary>
/// Two web nodes on one database, as behind a load balancer: a cookie, an antiforgery token and a signed link made by
/// one are good on the other, the key ring is stored encrypted, and the per-IP limit and the staff lockout count once.
/// </summary>
public class CrossNodeTests
{
    private static readonly Dictionary<string, string?> Production = new()
    {
        ["Payments:AllowSandbox"] = "true",
        ["CheckoutLimits:PerIpPerHour"] = "3",
        ["CheckoutLimits:PerEmailPerHour"] = "100",
    };

    [Fact]
    public async Task A_session_a_token_and_a_link_made_on_one_node_work_on_the_other()
    {
        await using var first = await PortalFactory.CreateAsync(overrides: Production, environment: "Production");
        await using var second = first.AnotherNode();
        await first.SeedDemoFundsAsync();
        var cookies = new System.Net.CookieContainer();
        using var onFirst = first.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var onSecond = second.CreateDefaultClient(new CookieContainerHandler(cookies));

        // Staff: signed in on the first node, at work on the second.
        await onFirst.SignInAsStaffAsync(first, StaffRoles.Finance);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/finance")).StatusCode);

        // A form read from the first node is accepted by the second; without the token it is refused.
        var form = await onFirst.GetStringAsync("/staff/password");
        var fields = new Dictionary<string, string> { ["Input.CurrentPassword"] = "wrong", ["Input.NewPassword"] = "x" };
        Assert.Equal(HttpStatusCode.BadRequest, (await onSecond.PostAsync("/staff/password", new FormUrlEncodedContent(fields))).StatusCode);
        fields["__RequestVerificationToken"] = Forms.Token(form);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.PostAsync("/staff/password", new FormUrlEncodedContent(fields))).StatusCode);

        // A donor: the link asked for on the second node is confirmed on the first; the account opens on both.
        var donor = new System.Net.CookieContainer();
        using var donorOnFirst = first.CreateDefaultClient(new CookieContainerHandler(donor));
        using var donorOnSecond = second.CreateDefaultClient(new CookieContainerHandler(donor));
        var gift = await donorOnFirst.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm("ada@example.org"));
        Assert.Equal(HttpStatusCode.Redirect, gift.StatusCode);
        await donorOnSecond.SignInAsync(second, "ada@example.org");
        Assert.Equal(HttpStatusCode.OK, (await donorOnFirst.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await donorOnSecond.GetAsync("/account")).StatusCode);

        // A link signed by one node (as a job worker signs the unsubscribe link in an update) opens on the other.
        var donorId = await first.QueryAsync(db => db.Donors.Where(d => d.Email == "ada@example.org").Select(d => d.Id).SingleAsync());
        var token = first.Services.GetRequiredService<UnsubscribeLinks>().Token(donorId, MailTopics.ImpactUpdates);
        var visitor = second.Browser();
        Assert.Contains("Which mail would you like?", await visitor.TextAsync($"/mail-preferences/{token}"), StringComparison.Ordinal);
        var forged = await visitor.GetAsync($"/mail-preferences/{token[..^4]}AAAA");
        Assert.DoesNotContain("Which mail would you like?", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The ring itself is stored encrypted with the certificate: no key material in the clear.
        var keys = await first.QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal));
        Assert.All(keys, xml => Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_per_ip_limit_and_the_staff_lockout_count_once_across_nodes()
    {
        await using var first = await PortalFactory.CreateAsync(overrides: Production, environment: "Production");
        await using var second = first.AnotherNode();
        await first.SeedDemoFundsAsync();
        var bot = new[] { first.Browser(), second.Browser() };

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await bot[i % 2].PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm($"card{i}@example.org"))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests,
            HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(3, await first.QueryAsync(db => db.Sponsorships.CountAsync()));

        string password;
        await using (var scope = first.Services.CreateAsyncScope())
        {
            password = (await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync("fin@charity.test", StaffRoles.Finance, "test"))!;
        }

        for (var i = 0; i < 5; i++)
        {
            await LogInAsync(bot[i % 2], "wrong password");
        }

        // Locked after five failures on two nodes, on both nodes, even with the right password.
        var answer = await LogInAsync(first.Browser(), password);
        Assert.True(answer.Contains("locked", StringComparison.Ordinal), answer);
        Assert.Contains("locked", await LogInAsync(second.Browser(), password), StringComparison.Ordinal);

        async Task<string> LogInAsync(HttpClient client, string secret)
        {
            var answer = await client.PostAsync(
                "/staff/login",
                new Dictionary<string, string> { ["Input.Email"] = "fin@charity.test", ["Input.Password"] = secret });
            return WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task After_a_certificate_rotation_keys_of_the_old_one_are_read_only_while_it_is_listed()
    {
        var old = KeyRingCertificates.Create("old-keys");
        var next = KeyRingCertificates.Create("new-keys");
        await using var before = await PortalFactory.CreateAsync(
            overrides: new Dictionary<string, string?>(Production) { ["DataProtection:CertificatePath"] = old },
            environment: "Production");
        await using var rotated = before.AnotherNode(new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = next,
            ["DataProtection:PreviousCertificatePaths"] = old,
        });
        await using var forgotten = before.AnotherNode(new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = next });
        var cookies = new System.Net.CookieContainer();
        using var onBefore = before.CreateDefaultClient(new CookieContainerHandler(cookies));
        await onBefore.SignInAsStaffAsync(before, StaffRoles.Finance);

        using var onRotated = rotated.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var onForgotten = forgotten.CreateDefaultClient(new CookieContainerHandler(cookies));

        Assert.Equal(HttpStatusCode.OK, (await onRotated.GetAsync("/finance")).StatusCode);
        // Without the old certificate the key cannot be decrypted: the cookie is no good, and the member signs in again.
        var refused = await onForgotten.GetAsync("/finance");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var location = refused.Headers.Location!;
        Assert.StartsWith("/staff/login", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_production_node_refuses_keys_stored_in_the_clear_until_they_are_revoked()
    {
        // A node without a certificate (an older version, or Development) wrote a key in the clear.
        await using var before = await PortalFactory.CreateAsync();
        Assert.Equal(HttpStatusCode.OK, (await before.Browser().GetAsync("/account/sign-in")).StatusCode);
        Assert.NotEqual(0, await before.QueryAsync(db => KeyRing.Unprotected(db).CountAsync()));
        var production = new Dictionary<string, string?>(Production);
        foreach (var (key, value) in KeyRingCertificates.Settings())
        {
            production[key] = value;
        }

        await using (var refused = before.AnotherNode(production, "Production"))
        {
            var error = Record.Exception(() => refused.CreateClient());
            Assert.NotNull(error);
            Assert.Contains("revoke-unprotected-keys", error.ToString(), StringComparison.Ordinal);
        }

        // What the command does; then the node starts, and the keys it makes are encrypted.
        Assert.NotEqual(0, await before.QueryAsync(db => KeyRing.Unprotected(db).ExecuteDeleteAsync()));
        await using var after = before.AnotherNode(production, "Production");
        Assert.Equal(HttpStatusCode.OK, (await after.Browser().GetAsync("/account/sign-in")).StatusCode);
        Assert.Equal(0, await after.QueryAsync(db => KeyRing.Unprotected(db).CountAsync()));
        Assert.NotEqual(0, await after.QueryAsync(db => db.DataProtectionKeys.CountAsync()));
    }
}
