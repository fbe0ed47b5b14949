using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Testing;

namespace Portal.Core.Tests.Donors;

public partial class DonorSignInTests
{
    [Fact]
    public async Task A_known_donor_gets_a_link_that_works_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        var donorId = await AddDonorAsync(services);

        var token = await RequestAsync(services, " ADA@example.org ");

        Assert.Equal(donorId, await RedeemAsync(services, token));
        Assert.Null(await RedeemAsync(services, token));
    }

    [Fact]
    public async Task An_unknown_address_gets_nothing_and_learns_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);

        await services.InScopeAsync(scope => scope.GetRequiredService<DonorSignIn>().RequestLinkAsync("nobody@example.org", CancellationToken.None));
        await WorkRequestsAsync(services);

        await using var db = services.CreateContext();
        Assert.Equal(0, await db.DonorSignInRequests.CountAsync());
        Assert.Equal(0, await db.OutboundEmails.CountAsync());
        Assert.Equal(0, await db.DonorSignInTokens.CountAsync());
    }

    [Fact]
    public async Task A_link_expires_after_twenty_minutes()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        await AddDonorAsync(services);
        var token = await RequestAsync(services, "ada@example.org");

        services.Clock.Advance(DonorSignIn.Lifetime + TimeSpan.FromSeconds(1));

        Assert.Null(await RedeemAsync(services, token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("made-up-token")]
    public async Task A_made_up_token_signs_no_one_in(string? token)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        await AddDonorAsync(services);

        Assert.Null(await RedeemAsync(services, token));
    }

    [Fact]
    public async Task At_most_five_links_an_hour_are_sent_to_one_donor()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        await AddDonorAsync(services);

        for (var i = 0; i < 8; i++)
        {
            await services.InScopeAsync(scope => scope.GetRequiredService<DonorSignIn>().RequestLinkAsync("ada@example.org", CancellationToken.None));
        }

        await WorkRequestsAsync(services);
        await using (var db = services.CreateContext())
        {
            Assert.Equal(DonorSignIn.LinksPerHour, await db.OutboundEmails.CountAsync());
        }

        services.Clock.Advance(TimeSpan.FromMinutes(61));
        await RequestAsync(services, "ada@example.org");
    }

    [Fact]
    public async Task Asking_for_a_link_never_looks_up_a_donor_and_the_job_sends_it_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        await AddDonorAsync(services);
        await using (var db = services.CreateContext())
        {
            // With the donors out of reach, a request that looked one up would fail: the form's work is the same for all.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Donors\" RENAME TO \"DonorsAway\"");
        }

        await services.InScopeAsync(scope => scope.GetRequiredService<DonorSignIn>().RequestLinkAsync("ada@example.org", CancellationToken.None));
        await services.InScopeAsync(scope => scope.GetRequiredService<DonorSignIn>().RequestLinkAsync("nobody@example.org", CancellationToken.None));
        await using (var db = services.CreateContext())
        {
            Assert.Equal(2, await db.DonorSignInRequests.CountAsync());
            Assert.Equal(0, await db.OutboundEmails.CountAsync());
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"DonorsAway\" RENAME TO \"Donors\"");
        }

        Assert.Equal(1, await WorkRequestsAsync(services));
        Assert.Equal(0, await WorkRequestsAsync(services));
        await using var after = services.CreateContext();
        Assert.Equal(1, await after.OutboundEmails.CountAsync());
        Assert.Equal(0, await after.DonorSignInRequests.CountAsync());
    }

    [Fact]
    public async Task The_per_address_limit_counts_an_unknown_address_as_it_counts_a_known_one()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        await AddDonorAsync(services);

        for (var i = 0; i < 8; i++)
        {
            await services.InScopeAsync(scope => scope.GetRequiredService<DonorSignIn>().RequestLinkAsync("ada@example.org", CancellationToken.None));
            await services.InScopeAsync(scope =>
                scope.GetRequiredService<DonorSignIn>().RequestLinkAsync("nobody@example.org", CancellationToken.None));
        }

        await using var db = services.CreateContext();
        var recorded = await db.DonorSignInRequests.GroupBy(r => r.Email).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, r => Assert.Equal(DonorSignIn.LinksPerHour, r.Count));
    }

    [Fact]
    public async Task A_request_that_waited_longer_than_a_link_lives_sends_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        await AddDonorAsync(services);
        await services.InScopeAsync(scope => scope.GetRequiredService<DonorSignIn>().RequestLinkAsync("ada@example.org", CancellationToken.None));

        services.Clock.Advance(DonorSignIn.Lifetime + TimeSpan.FromMinutes(1));

        Assert.Equal(0, await WorkRequestsAsync(services));
        await using var db = services.CreateContext();
        Assert.Equal(0, await db.DonorSignInRequests.CountAsync());
    }

    [Theory]
    [InlineData("de", "Ihr Anmeldelink für ", "In Ihrem Konto anmelden", "20 Minuten lang")]
    [InlineData("fr", "Votre lien de connexion à ", "Vous connecter à votre compte", "pendant 20 minutes")]
    [InlineData("es", "Tu enlace de acceso a ", "Acceder a tu cuenta", "durante 20 minutos")]
    [InlineData("pt", "Your sign-in link for ", "Sign in to your account", "for 20 minutes")]
    public async Task The_link_is_sent_in_the_donors_language(string language, string subject, string button, string lifetime)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        await AddDonorAsync(services, language);

        await RequestAsync(services, "ada@example.org");

        await using var db = services.CreateContext();
        var message = await db.OutboundEmails.SingleAsync();
        Assert.StartsWith(subject, message.Subject, StringComparison.Ordinal);
        Assert.Contains(button, System.Net.WebUtility.HtmlDecode(message.HtmlBody), StringComparison.Ordinal);
        Assert.Contains(lifetime, message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{(language == "pt" ? "en" : language)}\">", message.HtmlBody, StringComparison.Ordinal);
    }

    private static async Task<Guid> AddDonorAsync(PortalServices services, string language = "en")
    {
        await using var db = services.CreateContext();
        var donor = new Donor
        {
            Email = "ada@example.org",
            NormalizedEmail = Donor.Normalize("ada@example.org"),
            Name = "Ada",
            CountryCode = "GB",
            Language = language,
        };
        db.Donors.Add(donor);
        await db.SaveChangesAsync();
        return donor.Id;
    }

    /// <summary>Asks for a link and reads the token back out of the queued message, as the donor would click it.</summary>
    private static async Task<string> RequestAsync(PortalServices services, string email)
    {
        await services.InScopeAsync(scope => scope.GetRequiredService<DonorSignIn>().RequestLinkAsync(email, CancellationToken.None));
        await WorkRequestsAsync(services);
        await using var db = services.CreateContext();
        var message = await db.OutboundEmails.OrderByDescending(m => m.CreatedAt).FirstAsync();
        Assert.Contains("http://portal.test/account/sign-in/confirm?token=", message.TextBody, StringComparison.Ordinal);
        return Token().Match(message.TextBody).Groups[1].Value;
    }

    private static Task<int> WorkRequestsAsync(PortalServices services) =>
        services.InScopeAsync(scope => scope.GetRequiredService<DonorSignIn>().SendRequestedLinksAsync(CancellationToken.None));

    private static Task<Guid?> RedeemAsync(PortalServices services, string? token) =>
        services.InScopeAsync(scope => scope.GetRequiredService<DonorSignIn>().RedeemAsync(token, CancellationToken.None));

    [GeneratedRegex(@"token=([A-Za-z0-9_\-]+)")]
    private static partial Regex Token();
}
