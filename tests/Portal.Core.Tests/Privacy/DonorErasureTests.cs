using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Privacy;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Sponsorships;
using Portal.FakeStripe;
using Portal.Testing;

namespace Portal.Core.Tests.Privacy;

/// <summary>An erasure pseudonymises the donor everywhere while the books stay whole, and finishes once after a fault.</summary>
public sealed class DonorErasureTests
{
    [Fact]
    public async Task Erasure_pseudonymises_the_donor_deletes_the_stripe_customer_and_leaves_the_books_and_the_chain_whole()
    {
        await using var recurring = await Recurring.CreateAsync(DatabaseProvider.Sqlite);
        var (donor, email, sponsorship) = await PrivacyScenario.AddDonorAsync(recurring);
        var (other, otherEmail, otherSponsorship) = await PrivacyScenario.AddDonorAsync(recurring);
        await recurring.RunAsync();
        Assert.True((await PrivacyScenario.SealAndVerifyAsync(recurring)).Intact);
        var customer = (await recurring.SponsorshipAsync(sponsorship)).GatewayCustomerId!;
        var books = await BooksAsync(recurring);

        Assert.IsType<ErasureResult.Completed>(await PrivacyScenario.EraseAsync(recurring, donor));

        await using var db = recurring.Services.CreateContext();
        var erased = await db.Donors.SingleAsync(d => d.Id == donor);
        Assert.Equal((Pseudonyms.Name, Pseudonyms.Email(donor)), (erased.Name, erased.Email));
        Assert.NotNull(erased.ErasedAt);
        Assert.Equal(SponsorshipStatus.Cancelled, (await recurring.SponsorshipAsync(sponsorship)).Status);
        Assert.Equal(SponsorshipStatus.Active, (await recurring.SponsorshipAsync(otherSponsorship)).Status);
        Assert.NotEmpty(await db.OutboundEmails.Where(m => m.DonorId == donor).ToListAsync());
        Assert.All(await db.OutboundEmails.Where(m => m.DonorId == donor).ToListAsync(), m =>
            Assert.Equal((Pseudonyms.Email(donor), "", ""), (m.ToAddress, m.HtmlBody, m.TextBody)));
        Assert.All(
            await db.DonorSignInTokens.Where(t => t.DonorId == donor).ToListAsync(),
            t => Assert.StartsWith("erased-", t.TokenHash, StringComparison.Ordinal));
        var audit = await db.AuditRecords.AsNoTracking().ToListAsync();
        Assert.DoesNotContain(audit, r => r.ActorName.Contains(email, StringComparison.OrdinalIgnoreCase)
            || (r.Details ?? "").Contains(email, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(audit, r => r.ActorName == otherEmail);
        Assert.Single(audit, r => r.Action == "privacy.erasure-completed");
        Assert.Equal(otherEmail, (await db.Donors.SingleAsync(d => d.Id == other)).Email);

        Assert.True((await recurring.Client.V1.Customers.GetAsync(customer)).Deleted);
        var otherCustomer = (await recurring.SponsorshipAsync(otherSponsorship)).GatewayCustomerId!;
        Assert.NotEqual(true, (await recurring.Client.V1.Customers.GetAsync(otherCustomer)).Deleted);
        Assert.Equal(books, await BooksAsync(recurring));
        var chain = await PrivacyScenario.SealAndVerifyAsync(recurring);
        Assert.True(chain.Intact, chain.Problem);
    }

    [Fact]
    public async Task An_erasure_stopped_by_the_gateway_half_way_is_finished_once_by_running_it_again()
    {
        await using var recurring = await Recurring.CreateAsync(DatabaseProvider.Sqlite);
        var (donor, _, sponsorship) = await PrivacyScenario.AddDonorAsync(recurring);
        await recurring.RunAsync();
        recurring.Stripe.Faults.Enqueue(c => c.Method == "DELETE", FaultKind.ServerErrorBeforeExecution, count: 20);

        Assert.IsType<ErasureResult.Pending>(await PrivacyScenario.EraseAsync(recurring, donor));
        await using (var db = recurring.Services.CreateContext())
        {
            var request = await db.ErasureRequests.SingleAsync(r => r.DonorId == donor);
            Assert.Equal(ErasureState.SponsorshipsCancelled, request.State);
            Assert.NotNull(request.LastError);
            Assert.Null((await db.Donors.SingleAsync(d => d.Id == donor)).ErasedAt);
        }

        recurring.Stripe.Faults.Clear();
        Assert.IsType<ErasureResult.Completed>(await PrivacyScenario.EraseAsync(recurring, donor));
        Assert.IsType<ErasureResult.Completed>(await PrivacyScenario.EraseAsync(recurring, donor));

        await using var after = recurring.Services.CreateContext();
        var records = await after.AuditRecords.AsNoTracking().ToListAsync();
        Assert.Single(records, r => r.Action == "privacy.erasure-requested");
        Assert.Single(records, r => r.Action == "privacy.erasure-completed");
        Assert.Single(records, r => r.Action == "sponsorship.cancelled" && r.Subject == $"sponsorship:{sponsorship}");
        Assert.Equal(ErasureState.Completed, (await after.ErasureRequests.SingleAsync(r => r.DonorId == donor)).State);
        Assert.True((await PrivacyScenario.SealAndVerifyAsync(recurring)).Intact);
    }

    /// <summary>Every journal line, charge and receipt number as they stand: an erasure must not move one.</summary>
    private static async Task<string> BooksAsync(Recurring recurring)
    {
        await using var db = recurring.Services.CreateContext();
        var lines = await db.JournalLines.AsNoTracking().OrderBy(l => l.Id).Select(l => $"{l.Id}:{l.AccountId}:{l.AmountMinor}:{l.Currency}")
            .ToListAsync();
        var charges = await db.Charges.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => $"{c.Id}:{c.AmountMinor}:{c.Status}:{c.ReceiptNumber}:{c.AmountRefundedMinor}").ToListAsync();
        var totals = await db.AccountTotals.AsNoTracking().ToListAsync();
        Assert.NotEmpty(lines);
        return string.Join('\n', lines.Concat(charges).Concat(totals.Select(t => System.Text.Json.JsonSerializer.Serialize(t)).Order()));
    }
}
