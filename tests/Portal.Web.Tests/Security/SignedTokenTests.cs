using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Portal.Core.Communications;
using Portal.Core.Communications.Consent;
using Portal.Core.Donors;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships.Dunning;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Security;

/// <summary>
/// Every signed or secret token in a link (unsubscribe and preferences, payment, sign-in): tampered, expired (on a
/// fake clock), reused where it is single-use, and swapped between donors or between purposes.
/// </summary>
[Collection(SecuritySuite.Name)]
public partial class SignedTokenTests(SecurityWorld world)
{
    private UnsubscribeLinks Unsubscribe => world.Portal.Services.GetRequiredService<UnsubscribeLinks>();

    [Fact]
    public async Task A_tampered_or_foreign_preferences_or_unsubscribe_token_is_refused_and_changes_nothing()
    {
        var token = Unsubscribe.Token(world.A.Id, MailTopics.Appeals);
        // The same payload signed for another purpose (the payment links' key): not a preferences token.
        var otherPurpose = world.Portal.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Portal.Sponsorships.ConfirmPayment.v1").Protect($"{world.B.Id:N}.{(int)MailTopics.Appeals}");
        var before = await DatabaseSnapshot.TakeAsync(world.Portal);
        var visitor = world.Portal.Browser();

        foreach (var bad in new[] { Tamper(token), token[..^4], otherPurpose, new string('A', 1001) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await visitor.GetAsync($"/unsubscribe/{bad}")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await visitor.PostAsync($"/unsubscribe/{bad}", new FormUrlEncodedContent([]))).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await visitor.GetAsync($"/mail-preferences/{bad}")).StatusCode);
        }

        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(world.Portal));
    }

    [Fact]
    public async Task A_donors_unsubscribe_link_changes_her_choices_only()
    {
        var optOuts = () => world.Portal.QueryAsync(db => db.Donors.Where(d => d.Id == world.A.Id || d.Id == world.B.Id)
            .OrderBy(d => d.Email).Select(d => new { d.Id, d.MailConsents }).ToListAsync());
        var before = await optOuts();

        var answer = await world.Portal.Browser().PostAsync(
            $"/unsubscribe/{Unsubscribe.Token(world.A.Id, MailTopics.Appeals)}",
            new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var after = await optOuts();
        Assert.Equal(before.Single(d => d.Id == world.B.Id), after.Single(d => d.Id == world.B.Id));
        Assert.False(after.Single(d => d.Id == world.A.Id).MailConsents.HasFlag(MailTopics.Appeals));
    }

    [Fact]
    public async Task A_payment_link_tampered_expired_or_of_another_purpose_is_not_found()
    {
        var services = world.Portal.Services;
        var links = services.GetRequiredService<PaymentLinks>();
        var valid = Token(links.ConfirmUrl(world.B.ChargeId, 1));
        var longAgo = new FakeTimeProvider(DateTimeOffset.UtcNow - PaymentLinks.Lifetime - TimeSpan.FromMinutes(1));
        var oldLinks = new PaymentLinks(services.GetRequiredService<IDataProtectionProvider>(), longAgo, services.GetRequiredService<PublicUrls>());
        var expired = Token(oldLinks.ConfirmUrl(world.B.ChargeId, 1));
        var before = await DatabaseSnapshot.TakeAsync(world.Portal);
        var visitor = world.Portal.Browser();

        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/pay/{valid}")).StatusCode);
        foreach (var bad in new[] { Tamper(valid), expired, Unsubscribe.Token(world.B.Id, MailTopics.Appeals) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/pay/{bad}")).StatusCode);
            var posted = await visitor.PostAsync("/account/sign-in", new Dictionary<string, string>(), $"/pay/{bad}");
            Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        }

        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(world.Portal));
    }

    [Fact]
    public async Task A_sign_in_link_works_once_within_its_lifetime_and_only_for_its_donor()
    {
        await world.ForgetSignInLimitsAsync();
        var link = await SignInLinkAsync(world.Portal.Services.GetRequiredService<TimeProvider>());
        var expired = await SignInLinkAsync(new FakeTimeProvider(DateTimeOffset.UtcNow - DonorSignIn.Lifetime - TimeSpan.FromMinutes(1)));

        var refused = (HttpStatusCode.OK, (string?)null);
        Assert.Equal(refused, await ConfirmAsync(world.Portal.Browser(), Tamper(link)));
        Assert.Equal(refused, await ConfirmAsync(world.Portal.Browser(), expired));
        var bea = world.Portal.Browser();
        Assert.Equal((HttpStatusCode.Redirect, "/account"), await ConfirmAsync(bea, link));
        Assert.Equal(refused, await ConfirmAsync(world.Portal.Browser(), link));
        Assert.Equal(HttpStatusCode.OK, (await bea.GetAsync($"/account/sponsorships/{world.B.SponsorshipId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bea.GetAsync($"/account/sponsorships/{world.A.SponsorshipId}")).StatusCode);
    }

    private async Task<string> SignInLinkAsync(TimeProvider clock)
    {
        await using var scope = world.Portal.Services.CreateAsyncScope();
        var signIn = ActivatorUtilities.CreateInstance<DonorSignIn>(scope.ServiceProvider, clock);
        var before = await SignInLinksAsync();
        await signIn.RequestLinkAsync(world.B.Email, CancellationToken.None);
        // The job's work, on this clock (the portal's own job would drop a request made "long ago" unsent).
        await signIn.SendRequestedLinksAsync(CancellationToken.None);
        await world.Portal.RunJobsAsync();
        return (await SignInLinksAsync()).Except(before).Single();
    }

    private async Task<List<string>> SignInLinksAsync()
    {
        var links = new List<string>();
        foreach (var file in world.Portal.Services.GetRequiredService<MailboxFolder>().List())
        {
            using var message = await MimeMessage.LoadAsync(file.FullName);
            if (message.To.Mailboxes.Any(m => m.Address == world.B.Email))
            {
                links.AddRange(SignInLink().Matches(message.TextBody ?? "").Select(m => m.Groups[1].Value));
            }
        }

        return links;
    }

    private static async Task<(HttpStatusCode Status, string? Location)> ConfirmAsync(HttpClient browser, string token)
    {
        var answer = await browser.PostAsync($"/account/sign-in/confirm?token={token}", new Dictionary<string, string>());
        return (answer.StatusCode, answer.Headers.Location?.OriginalString);
    }

    private static string Token(Uri link) => link.AbsolutePath.Split('/')[^1];

    [GeneratedRegex(@"/account/sign-in/confirm\?token=([^\s&]+)")]
    private static partial Regex SignInLink();

    private static string Tamper(string token) => token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
}
