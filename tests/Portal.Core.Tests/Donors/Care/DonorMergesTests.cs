using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Consent;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Donors.Care;
using Portal.Core.Ledger.Totals;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Tests.Payments.Events;
using Portal.Testing;

namespace Portal.Core.Tests.Donors.Care;

/// <summary>
/// Merging two donor records: the sponsorships, gifts and receipts move whole, the fund totals stay equal to the
/// records (one sponsor, one chain of gifts), consents carry over with their words, and an undo puts it all back.
/// </summary>
public class DonorMergesTests
{
    private static readonly StaffActor Carla = new("staff-1", "carla@charity.example", "Same person: same address and card");

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_merge_keeps_gifts_receipts_and_totals_whole_and_an_undo_restores_them(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        foreach (var email in new[] { "ada@example.org", "ada.lovelace@example.org" })
        {
            var (_, session) = await MoneyPath.StartAsync(services, email: email);
            Assert.IsType<SandboxPayResult.Paid>(await MoneyPath.PayAsync(services, session));
        }

        await MoneyPath.ApplyAllAsync(services);
        Guid kept, merged;
        Dictionary<Guid, string?> receipts;
        await using (var db = services.CreateContext())
        {
            var donors = await db.Donors.OrderBy(d => d.Email).ToListAsync();
            (kept, merged) = (donors[0].Id, donors[1].Id);
            foreach (var donor in donors)
            {
                donor.Name = "Ada Lovelace";
                donor.PostalCode = "SW1A 1AA";
            }

            donors[0].MailConsents = MailTopics.ImpactUpdates;
            donors[1].MailConsents = MailTopics.Appeals;
            db.ConsentRecords.Add(new ConsentRecord
            {
                DonorId = merged,
                Topic = MailTopics.Appeals,
                Given = true,
                WordingId = "sponsor-form.appeals.v1",
                Wording = "Send me appeals",
                Source = "sponsor form",
                At = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            receipts = await db.Charges.ToDictionaryAsync(c => c.Id, c => c.ReceiptNumber);
        }

        var candidates = await Merges(services, m => m.CandidatesAsync(kept, CancellationToken.None));
        var refused = await Merges(services, m => m.MergeAsync(kept, merged, Carla with { Reason = "" }, false, CancellationToken.None));
        var done = await Merges(services, m => m.MergeAsync(kept, merged, Carla, true, CancellationToken.None));

        Assert.Equal([merged], candidates.Select(c => c.Id));
        Assert.NotNull(refused);
        Assert.Null(done);
        await using (var db = services.CreateContext())
        {
            Assert.All(await db.Sponsorships.ToListAsync(), s => Assert.Equal(kept, s.DonorId));
            Assert.Equal(receipts, await db.Charges.ToDictionaryAsync(c => c.Id, c => c.ReceiptNumber));
            var nairobi = await db.Funds.SingleAsync(f => f.Slug == "nairobi");
            Assert.Equal(1, (await db.FundSponsorCounts.SingleAsync(c => c.FundId == nairobi.Id)).Sponsors);
            var keptDonor = await db.Donors.SingleAsync(d => d.Id == kept);
            var mergedDonor = await db.Donors.SingleAsync(d => d.Id == merged);
            Assert.Equal(
                (MailTopics.ImpactUpdates | MailTopics.Appeals, MailTopics.None, (Guid?)kept),
                (keptDonor.MailConsents, mergedDonor.MailConsents, mergedDonor.MergedIntoId));
            var carried = await db.ConsentRecords.SingleAsync(r => r.DonorId == kept && r.Source.StartsWith("donor care"));
            Assert.Equal(("sponsor-form.appeals.v1", "Send me appeals"), (carried.WordingId, carried.Wording));
            Assert.StartsWith("donor care: merged from ada@example.org", carried.Source, StringComparison.Ordinal);
        }

        var check = await services.Get<LedgerTotals>().CheckAsync(CancellationToken.None);
        Assert.True(check.Agreed, check.Summary);
        var mergeId = (await Merges(services, m => m.OfAsync(kept, CancellationToken.None))).Single().Id;

        Assert.Null(await Merges(services, m => m.UndoAsync(mergeId, Carla with { Reason = "Two sisters after all" }, CancellationToken.None)));

        await using (var db = services.CreateContext())
        {
            Assert.Equal(1, await db.Sponsorships.CountAsync(s => s.DonorId == merged));
            var nairobi = await db.Funds.SingleAsync(f => f.Slug == "nairobi");
            Assert.Equal(2, (await db.FundSponsorCounts.SingleAsync(c => c.FundId == nairobi.Id)).Sponsors);
            Assert.Equal(
                (MailTopics.ImpactUpdates, MailTopics.Appeals, (Guid?)null),
                (await db.Donors.Where(d => d.Id == kept).Select(d => d.MailConsents).SingleAsync(),
                 await db.Donors.Where(d => d.Id == merged).Select(d => d.MailConsents).SingleAsync(),
                 await db.Donors.Where(d => d.Id == merged).Select(d => d.MergedIntoId).SingleAsync()));
            Assert.Equal(
                ["donor-care.merge-undone", "donor-care.merge-undone", "donor-care.merged", "donor-care.merged-away"],
                await db.AuditRecords.Where(r => r.Action.StartsWith("donor-care.")).OrderBy(r => r.Action).Select(r => r.Action).ToListAsync());
        }

        check = await services.Get<LedgerTotals>().CheckAsync(CancellationToken.None);
        Assert.True(check.Agreed, check.Summary);
        Assert.NotNull(await Merges(services, m => m.ConfirmAsync(mergeId, Carla, CancellationToken.None)));
    }

    [Fact]
    public async Task Two_gateway_customers_are_not_merged_silently_and_a_confirmed_merge_cannot_be_undone()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        var ada = await Sponsorships.SponsorshipScenario.CreateAsync(services);
        var twin = await Sponsorships.SponsorshipScenario.CreateAsync(services, email: "ada2@example.org");
        await using (var db = services.CreateContext())
        {
            db.DonorGatewayCustomers.Add(new DonorGatewayCustomer { DonorId = ada.DonorId, Gateway = "stripe", CustomerId = "cus_A1" });
            db.DonorGatewayCustomers.Add(new DonorGatewayCustomer { DonorId = twin.DonorId, Gateway = "stripe", CustomerId = "cus_B2" });
            await db.SaveChangesAsync();
        }

        var unseen = await Merges(services, m => m.MergeAsync(ada.DonorId, twin.DonorId, Carla, false, CancellationToken.None));
        var seen = await Merges(services, m => m.MergeAsync(ada.DonorId, twin.DonorId, Carla, true, CancellationToken.None));
        var mergeId = (await Merges(services, m => m.OfAsync(ada.DonorId, CancellationToken.None))).Single().Id;
        var confirmed = await Merges(services, m => m.ConfirmAsync(mergeId, Carla, CancellationToken.None));
        var undo = await Merges(services, m => m.UndoAsync(mergeId, Carla, CancellationToken.None));
        var again = await Merges(services, m => m.MergeAsync(ada.DonorId, twin.DonorId, Carla, true, CancellationToken.None));

        Assert.Contains("cus_A1 / cus_B2", unseen, StringComparison.Ordinal);
        Assert.Equal((null, null), (seen, confirmed));
        Assert.NotNull(undo);
        Assert.NotNull(again);
        await using var check = services.CreateContext();
        Assert.Equal(
            [(ada.DonorId, "cus_A1"), (twin.DonorId, "cus_B2")],
            (await check.DonorGatewayCustomers.ToListAsync()).Select(c => (c.DonorId, c.CustomerId)).OrderBy(c => c.CustomerId));
        Assert.Equal(2, await check.Sponsorships.CountAsync(s => s.DonorId == ada.DonorId));
    }

    private static Task<T> Merges<T>(PortalServices services, Func<DonorMerges, Task<T>> work) =>
        services.InScopeAsync(scope => work(scope.GetRequiredService<DonorMerges>()));
}
