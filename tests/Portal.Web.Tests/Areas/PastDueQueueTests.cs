using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Sponsorships;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Pages;

namespace Portal.Web.Tests.Areas;

/// <summary>Finance's past-due queue: who, why, what was tried; retry now; and nobody else sees it.</summary>
public class PastDueQueueTests
{
    [Fact]
    public async Task Finance_sees_the_queue_with_its_history_exports_it_and_retries()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var (id, chargeId) = await PastDueAsync(portal);
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        var page = await finance.TextAsync("/finance/pastdue");
        var csv = await finance.GetAsync("/finance/pastdue?handler=Csv");
        var retried = await finance.PostAsync(
            "/finance/pastdue",
            new Dictionary<string, string>(),
            action: $"/finance/pastdue?id={id}&handler=Retry");

        Assert.Contains("ada@example.org", page, StringComparison.Ordinal);
        Assert.Contains("insufficient_funds", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("first try", StringComparison.Ordinal) < page.IndexOf("last try", StringComparison.Ordinal));
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("donor,email,fund,amount,currency,past_due_since,decline_code,message,attempts", lines[0]);
        Assert.Equal(["Ada Lovelace", "ada@example.org", "Children's Village Nairobi", "30.00", "EUR"], lines[1].Split(',')[..5]);
        Assert.Equal("2", lines[1].Split(',')[^1]);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        var s = await portal.QueryAsync(db => db.Sponsorships.SingleAsync(x => x.Id == id));
        var charge = await portal.QueryAsync(db => db.Charges.SingleAsync(c => c.Id == chargeId));
        Assert.Equal((SponsorshipStatus.Active, (DateTime?)null), (s.Status, s.PastDueSince));
        Assert.NotNull(charge.NextRetryAt);
        Assert.True(
            await portal.QueryAsync(db => db.ChargeAttempts.AnyAsync(
                a => a.ChargeId == chargeId && a.Outcome == ChargeAttemptOutcome.RetryRequested)));
        Assert.True(await portal.QueryAsync(
            db => db.AuditRecords.AnyAsync(a => a.Action == "sponsorship.retry-requested" && a.ActorName.StartsWith("finance-"))));
        Assert.Contains("No sponsorship is past due", await finance.TextAsync("/finance/pastdue"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writing_to_the_donor_is_audited_and_the_subject_is_in_the_donors_language()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var (id, _) = await PastDueAsync(portal);
        await portal.QueryAsync(db => db.Donors.ExecuteUpdateAsync(s => s.SetProperty(d => d.Language, "de")));
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        var contact = await finance.PostAsync(
            "/finance/pastdue", new Dictionary<string, string>(), action: $"/finance/pastdue?id={id}&handler=Contact");

        Assert.Equal(HttpStatusCode.Redirect, contact.StatusCode);
        var mailto = contact.Headers.Location!.OriginalString;
        Assert.StartsWith("mailto:ada@example.org?subject=", mailto, StringComparison.Ordinal);
        Assert.Equal(
            "Ihre Patenschaft für Children's Village Nairobi: eine Zahlung ist nicht eingegangen",
            Uri.UnescapeDataString(mailto[(mailto.IndexOf('=', StringComparison.Ordinal) + 1)..]));
        Assert.True(await portal.QueryAsync(db => db.AuditRecords.AnyAsync(a => a.Action == "sponsorship.donor-contacted")));
    }

    [Fact]
    public async Task Communications_staff_and_donors_are_refused()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await PastDueAsync(portal);
        var communications = portal.Browser();
        await communications.SignInAsStaffAsync(portal, "Communications");
        var donor = portal.Browser();
        await donor.SignInAsync(portal, "ada@example.org");

        foreach (var client in new[] { communications, donor })
        {
            Assert.False((await client.GetAsync("/finance/pastdue")).IsSuccessStatusCode);
            Assert.False((await client.GetAsync("/finance/pastdue?handler=Csv")).IsSuccessStatusCode);
        }
    }

    /// <summary>A paid monthly sponsorship whose April charge was declined twice and ran out of retries.</summary>
    private static async Task<(Guid Sponsorship, Guid Charge)> PastDueAsync(PortalFactory portal)
    {
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var s = await db.Sponsorships.SingleAsync();
        s.Status = SponsorshipStatus.PastDue;
        s.PastDueSince = DateTime.UtcNow;
        var charge = new Charge
        {
            SponsorshipId = s.Id,
            PeriodStart = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1),
            AmountMinor = 3000,
            Currency = "EUR",
            Gateway = "sandbox",
            Status = ChargeStatus.Failed,
            Attempt = 2,
            DeclineCode = "insufficient_funds",
            FailureMessage = "Your card has insufficient funds."
        };
        db.Charges.Add(charge);
        db.ChargeAttempts.Add(new ChargeAttempt
        {
            ChargeId = charge.Id,
            Attempt = 2,
            OccurredAt = DateTime.UtcNow,
            Outcome = ChargeAttemptOutcome.SoftDecline,
            DeclineCode = "insufficient_funds",
            Message = "last try"
        });
        db.ChargeAttempts.Add(new ChargeAttempt
        {
            ChargeId = charge.Id,
            Attempt = 1,
            OccurredAt = DateTime.UtcNow.AddDays(-3),
            Outcome = ChargeAttemptOutcome.SoftDecline,
            DeclineCode = "insufficient_funds",
            Message = "first try"
        });
        await db.SaveChangesAsync();
        return (s.Id, charge.Id);
    }
}
