using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Staff;

namespace Portal.Bench;

/// <summary>Signed-in pages timed one request at a time, as a staff member or a donor uses them: signing in, then each page.</summary>
internal static partial class StaffPages
{
    public sealed record Timing(double P50Ms, double MaxMs);

    /// <summary>A client signed in as a new staff member with the role (the login form, as a person fills it in).</summary>
    public static async Task<HttpClient> StaffAsync(Uri baseUrl, IServiceProvider services, string role)
    {
        var email = $"{role.ToLowerInvariant()}@bench.invalid";
        await using (var scope = services.CreateAsyncScope())
        {
            var password = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, role, "bench")
                ?? throw new InvalidOperationException($"The staff account {email} exists already.");
            var client = Client(baseUrl);
            var key = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().AddAuthenticatorAsync(email);
            await PostFormAsync(client, "/staff/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
            // The second factor that Admin and Finance need: the authenticator app's current code.
            await PostFormAsync(client, "/staff/login/two-factor", new() { ["Input.Code"] = AuthenticatorCode.At(key, DateTimeOffset.UtcNow) });
            return client;
        }
    }

    /// <summary>A client signed in as the donor with the address: a link asked for, read from the outbox, confirmed.</summary>
    public static async Task<HttpClient> DonorAsync(Uri baseUrl, IServiceProvider services, string email)
    {
        var client = Client(baseUrl);
        await PostFormAsync(client, "/account/sign-in", new() { ["Email"] = email });
        // The form only records the request; the job's work is done here, so the link is in the outbox at once.
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DonorSignIn>().SendRequestedLinksAsync(CancellationToken.None);
        }

        await using var db = services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        var message = await db.OutboundEmails.Where(m => m.ToAddress == email).OrderByDescending(m => m.CreatedAt).FirstAsync();
        var link = new Uri(ConfirmLink().Match(message.TextBody).Value);
        await PostFormAsync(client, link.PathAndQuery, []);
        return client;
    }

    public static async Task<Timing> TimeAsync(HttpClient client, string path, int times)
    {
        for (var i = 0; i < 3; i++)
        {
            await GetOkAsync(client, path);
        }

        var latencies = new List<double>(times);
        for (var i = 0; i < times; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await GetOkAsync(client, path);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        latencies.Sort();
        return new Timing(latencies[latencies.Count / 2], latencies[^1]);
    }

    private static async Task GetOkAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
        }

        await response.Content.ReadAsByteArrayAsync();
    }

    private static HttpClient Client(Uri baseUrl) =>
        new(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromMinutes(2)
        };

    private static async Task PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        using var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}, not a redirect.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex(@"https?://\S+/account/sign-in/confirm\?token=[^\s""<]+")]
    private static partial Regex ConfirmLink();
}
