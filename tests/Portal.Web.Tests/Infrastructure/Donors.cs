using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Core.Communications;
using Portal.Testing;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>What a donor does: fill in the sponsor form, and sign in with the link from their mailbox.</summary>
public static partial class Donors
{
    public static Dictionary<string, string> SponsorForm(
        string email = "ada@example.org",
        string interval = "Monthly",
        string amount = "30",
        string currency = "EUR") => new()
        {
            ["Input.Interval"] = interval,
            ["Input.Currency"] = currency,
            ["Input.Preset"] = "30.00",
            ["Input.Amount"] = amount,
            ["Input.Name"] = "Ada Lovelace",
            ["Input.Email"] = email,
            ["Input.Country"] = "GB",
            ["Input.ConsentImpactUpdates"] = "true",
            ["Input.ConsentTransparencyReports"] = "true",
        };

    /// <summary>Asks for a sign-in link, takes it from the local mailbox, and uses it.</summary>
    public static Task SignInAsync(this HttpClient client, PortalFactory portal, string email) =>
        client.SignInAsync(portal, email, () => LatestLinkAsync(portal, email, "/account/sign-in/confirm?token="));

    /// <summary>The same, on a portal that sends its mail through the test SMTP server.</summary>
    public static Task SignInAsync(this HttpClient client, PortalFactory portal, string email, TestSmtpServer smtp) =>
        client.SignInAsync(portal, email, () => Task.FromResult(new Uri(smtp.Messages.Reverse()
            .Where(m => m.To.Mailboxes.Any(to => to.Address == email))
            .SelectMany(m => Links().Matches(m.TextBody ?? ""))
            .First(link => link.Value.Contains("/account/sign-in/confirm?token=", StringComparison.Ordinal)).Value)));

    private static async Task SignInAsync(this HttpClient client, PortalFactory portal, string email, Func<Task<Uri>> latestLink)
    {
        var asked = await client.PostAsync("/account/sign-in", new Dictionary<string, string> { ["Email"] = email });
        Assert.True(
            asked.StatusCode == HttpStatusCode.Redirect,
            $"asking for a link answered {(int)asked.StatusCode}: {await asked.Content.ReadAsStringAsync()}");
        await portal.RunJobsAsync();
        var link = await latestLink();
        var confirm = await client.PostAsync(link.PathAndQuery, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/account", confirm.Headers.Location?.OriginalString);
    }

    public static async Task<Uri> LatestLinkAsync(PortalFactory portal, string email, string containing)
    {
        foreach (var file in portal.Services.GetRequiredService<MailboxFolder>().List())
        {
            using var message = await MimeMessage.LoadAsync(file.FullName);
            var match = Links().Matches(message.TextBody ?? "").FirstOrDefault(m => m.Value.Contains(containing, StringComparison.Ordinal));
            if (message.To.Mailboxes.Any(m => m.Address == email) && match is not null)
            {
                return new Uri(match.Value);
            }
        }

        throw new InvalidOperationException($"No message to {email} with a link containing {containing}.");
    }

    [GeneratedRegex(@"https?://[^\s]+")]
    private static partial Regex Links();
}
