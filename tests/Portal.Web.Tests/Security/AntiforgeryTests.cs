using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Consent;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Security;

/// <summary>
/// Every form, posted by someone allowed to post it, without an anti-forgery token or with another session's token:
/// 400 and nothing changed. The few forms that take no token are named, with their reasons, in <see cref="AccessTable"/>.
/// </summary>
[Collection(SecuritySuite.Name)]
public partial class AntiforgeryTests(SecurityWorld world)
{
    [Fact]
    public async Task Every_form_posted_without_a_token_or_with_another_sessions_token_is_refused_and_changes_nothing()
    {
        var posts = (await EndpointCatalog.ReadAsync(world.Portal.Services))
            .Where(e => e.Method == "POST" && AccessTable.Expected.ContainsKey(e.Key) && !AccessTable.WithoutAntiforgery.Contains(e.Key))
            .ToList();
        Assert.NotEmpty(posts);
        var browsers = new Dictionary<string, (HttpClient Own, HttpClient Other)>
        {
            [Identities.Donor] = (world.A.Browser, world.B.Browser),
        };
        foreach (var staff in Identities.All.Where(i => i is not Identities.Anonymous and not Identities.Donor).Append(Identities.Anonymous))
        {
            browsers[staff] = (await Identities.BrowserAsync(world, staff), await Identities.BrowserAsync(world, staff));
        }

        // Taken after the staff above were created and signed in: from here nothing may change.
        var before = await DatabaseSnapshot.TakeAsync(world.Portal);
        var wrong = new List<string>();
        foreach (var endpoint in posts)
        {
            var access = AccessTable.Expected[endpoint.Key];
            var identity = Identities.All.First(i => Identities.Expected(access, i) == Answer.Allowed);
            var pair = browsers[identity];
            await world.ForgetSignInLimitsAsync();
            var form = Form(endpoint);
            var bare = await pair.Own.PostAsync(EndpointAccessTests.Url(endpoint, Value), new FormUrlEncodedContent(form));
            var otherToken = Forms.Token(await pair.Other.GetStringAsync(Identities.TokenPage(access)));
            var foreign = await pair.Own.PostAsync(
                EndpointAccessTests.Url(endpoint, Value),
                new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["__RequestVerificationToken"] = otherToken }));
            foreach (var (kind, response) in new[] { ("no token", bare), ("another session's token", foreign) })
            {
                if (response.StatusCode != HttpStatusCode.BadRequest)
                {
                    wrong.Add($"{endpoint.Key} as {identity} with {kind}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(world.Portal));
    }

    [Fact]
    public async Task Every_post_form_a_page_shows_carries_its_token()
    {
        // A form without the token is refused (above), so a page that renders one has a button that can only fail.
        var (checkedForms, wrong) = (0, new List<string>());
        await foreach (var (endpoint, identity, html) in RenderedPages.ReadAsync(world, Value))
        {
            foreach (var form in PostForms().Matches(html).Cast<Match>())
            {
                var action = WebUtility.HtmlDecode(form.Groups["action"].Value);
                // The language switcher has a token only for a signed-in donor (decision 030).
                if (action.StartsWith("/unsubscribe/", StringComparison.Ordinal) || TokenFreeSponsorForm().IsMatch(action)
                    || (action == "/language" && identity == Identities.Anonymous))
                {
                    continue;
                }

                checkedForms++;
                if (!form.Value.Contains("name=\"__RequestVerificationToken\"", StringComparison.Ordinal))
                {
                    wrong.Add($"{endpoint.Key} as {identity}: the form posting to '{action}' has no anti-forgery token");
                }
            }
        }

        Assert.True(checkedForms > 20, $"only {checkedForms} forms were found: the pattern no longer matches the pages");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [GeneratedRegex("""<form\b(?=[^>]*\bmethod="post")(?:[^>]*\baction="(?<action>[^"]*)")?[^>]*>.*?</form>""",
        RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForms();

    [GeneratedRegex("^/funds/[^/]+/sponsor")]
    private static partial Regex TokenFreeSponsorForm();

    /// <summary>Route values that name the donor's own rows, so only the missing token stands between the form and a change.</summary>
    private string Value(string parameter) => RenderedPages.OwnRow(world, parameter);

    /// <summary>A form that would change something if it were let through.</summary>
    private Dictionary<string, string> Form(EndpointCase endpoint) => endpoint.Handler switch
    {
        "Pause" => new() { ["Input.Months"] = "2", ["Input.Version"] = "0" },
        "Amount" => new() { ["Input.Amount"] = "45" },
        "Day" => new() { ["Input.ChargeDay"] = "3" },
        "Fund" => new() { ["Input.FundSlug"] = "ibarra" },
        "Cancel" => new() { ["Input.CancelReasonCode"] = "cannot_afford" },
        "RefundRequest" => new() { ["chargeId"] = world.A.ChargeId.ToString(), ["refundReason"] = "again" },
        "Create" => new() { ["NewStaff.Email"] = SharedPortal.Email("staff"), ["NewStaff.Role"] = "Finance" },
        _ when endpoint.Route == "/mail-preferences/{token}" => new() { ["Wanted"] = "None" },
        _ => [],
    };
}
