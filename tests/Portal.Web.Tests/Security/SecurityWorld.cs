using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Transparency.TaxStatements;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Pages;

namespace Portal.Web.Tests.Security;

/// <summary>
/// One portal for the whole security suite, with two donors built once: Ada (A) and Bea (B), each with a monthly
/// sponsorship, a paid gift with its receipt, a refund request and a tax year. The suite's classes share it (one xunit
/// collection, run one after another) so "nothing changed" can be checked against the whole database.
/// </summary>
public sealed class SecurityWorld : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["CheckoutLimits:PerIpPerHour"] = "10000",
        ["CheckoutLimits:PerEmailPerHour"] = "10000",
    };

    public PortalFactory Portal { get; private set; } = null!;

    public WorldDonor A { get; private set; } = null!;

    public WorldDonor B { get; private set; } = null!;

    /// <summary>The donor the access matrix signs in as: its sign-out endpoints end her sessions, not A's or B's.</summary>
    public WorldDonor C { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Portal = await PortalFactory.CreateAsync(overrides: Settings);
        A = await DonorAsync("ada");
        B = await DonorAsync("bea");
        C = await DonorAsync("cy");
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    /// <summary>
    /// Forgets the per-IP sign-in counts: the suite signs in far more than 20 times an hour from one test address. The
    /// limit has tests of its own (RateLimitTests).
    /// </summary>
    public Task ForgetSignInLimitsAsync() => Portal.QueryAsync(db => db.LimitCounters.ExecuteDeleteAsync());

    /// <summary>A donor who gave monthly, signed in with a browser of their own, who asked for one payment back.</summary>
    public async Task<WorldDonor> DonorAsync(string name)
    {
        var email = SharedPortal.Email(name);
        var browser = Portal.Browser();
        await ForgetSignInLimitsAsync();
        await DonorPathTests.GiveAsync(Portal, browser, email);
        await browser.SignInAsync(Portal, email);
        var (donorId, sponsorshipId, chargeId) = await Portal.QueryAsync(async db =>
        {
            var s = await db.Sponsorships.Join(db.Donors, s => s.DonorId, d => d.Id, (s, d) => new { s, d })
                .Where(x => x.d.Email == email).Select(x => x.s).SingleAsync();
            var charge = await db.Charges.Where(c => c.SponsorshipId == s.Id && c.ReceiptNumber != null).Select(c => c.Id).SingleAsync();
            return (s.DonorId, s.Id, charge);
        });
        var asked = await browser.PostAsync(
            $"/account/sponsorships/{sponsorshipId}",
            new Dictionary<string, string> { ["chargeId"] = chargeId.ToString(), ["refundReason"] = "Given twice by mistake." },
            $"/account/sponsorships/{sponsorshipId}?handler=RefundRequest");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, asked.StatusCode);
        var requestId = await Portal.QueryAsync(db => db.RefundRequests.Where(r => r.DonorId == donorId).Select(r => r.Id).SingleAsync());
        await using var scope = Portal.Services.CreateAsyncScope();
        var year = (await scope.ServiceProvider.GetRequiredService<DeductibleGifts>().YearsAsync(donorId, CancellationToken.None)).Single();
        return new WorldDonor(email, donorId, sponsorshipId, chargeId, requestId, year, browser);
    }
}

public sealed record WorldDonor(string Email, Guid Id, Guid SponsorshipId, Guid ChargeId, long RefundRequestId, int TaxYear, HttpClient Browser);

[CollectionDefinition(Name)]
public sealed class SecuritySuite : ICollectionFixture<SecurityWorld>
{
    public const string Name = "Security suite";
}
