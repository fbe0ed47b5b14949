using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Receipts;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Gifts;
using Portal.Core.Ledger;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Payments.Events;
using Portal.Core.Transparency.TaxStatements;
using Portal.Testing;

namespace Portal.Core.Tests.Gifts;

/// <summary>
/// A gift Finance records by hand is posted like an online gift (to the bank or cash account), receipted, counted in the
/// fund's raised figure and in the donor's tax statement, once per form, and bad input leaves nothing behind.
/// </summary>
public class OfflineGiftBookTests
{
    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_bank_transfer_for_a_new_donor_is_posted_receipted_and_raised_to_the_cent(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var before = await OfflineGifts.RaisedAsync(services, "nairobi");

        var result = await OfflineGifts.RecordAsync(services, OfflineGifts.Gift(email: "new.donor@example.org", amount: "1.234,56"));

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        var after = await OfflineGifts.RaisedAsync(services, "nairobi");
        Assert.Equal(before.Page + 123_456, after.Page);
        Assert.Equal((after.Page, after.Page), (after.Figures, after.Lines));
        await OfflineGifts.AssertTotalsAgreeAsync(services);

        await using var db = services.CreateContext();
        var charge = await db.Charges.SingleAsync(c => c.Id == result.Gift!.ChargeId);
        Assert.Equal(
            (ChargeStatus.Succeeded, 123_456L, 0L, OfflineGiftPosting.Gateway),
            (charge.Status, charge.AmountMinor, charge.FeeMinor ?? -1, charge.Gateway));
        Assert.Equal(new DateOnly(2026, 3, 9), charge.GiftDate);
        var entry = await db.JournalEntries.Include(e => e.Lines).ThenInclude(l => l.Account).SingleAsync(e => e.ChargeId == charge.Id);
        Assert.Equal(ReceiptView.Number(entry.Date, entry.Id), charge.ReceiptNumber);
        Assert.Equal(result.ReceiptNumber, charge.ReceiptNumber);
        Assert.Equal(
            [("1000-EUR", 123_456L), ("4000-KEN01-EUR", -123_456L)],
            entry.Lines.OrderBy(l => l.Account!.Code, StringComparer.Ordinal).Select(l => (l.Account!.Code, l.AmountMinor)).ToList());
        var donor = await db.Donors.SingleAsync(d => d.NormalizedEmail == "NEW.DONOR@EXAMPLE.ORG");
        Assert.Equal(("Ada Lovelace", "GB"), (donor.Name, donor.CountryCode));
        var receipt = await db.OutboundEmails.SingleAsync(m => m.IdempotencyKey == ReceiptMail.Key(charge.Id));
        Assert.Equal("new.donor@example.org", receipt.ToAddress);
        Assert.Contains(charge.ReceiptNumber!, receipt.Subject, StringComparison.Ordinal);
        // The receipt prints the donor's reference for gifts to the fund, for a standing order.
        var reference = await db.GiftReferences.SingleAsync(r => r.DonorId == donor.Id && r.FundId == charge.FundId);
        Assert.Contains(PaymentReferences.Print(reference.Reference), receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains(PaymentReferences.Print(reference.Reference), receipt.HtmlBody, StringComparison.Ordinal);
        var audit = await db.AuditRecords.SingleAsync(a => a.Action == "gift.offline-recorded");
        Assert.Equal(("staff-1", $"donor:{donor.Id}"), (audit.ActorId, audit.Subject));

        var taxGifts = await services.InScopeAsync(scope => scope.GetRequiredService<DeductibleGifts>().OfAsync(donor, 2026, CancellationToken.None));
        var counted = Assert.Single(taxGifts);
        Assert.Equal((charge.ReceiptNumber, new DateOnly(2026, 3, 9), 123_456L), (counted.ReceiptNumber, counted.Date, counted.Kept.Minor));
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Cash_goes_to_the_cash_account_and_an_existing_donor_is_found_by_address(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var (sponsorshipId, session) = await MoneyPath.StartAsync(services);
        await MoneyPath.PayAsync(services, session);
        await MoneyPath.ApplyAllAsync(services);

        var result = await OfflineGifts.RecordAsync(services, OfflineGifts.Gift(email: " ADA@example.org ", amount: "20", method: "cash"));

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        await using var db = services.CreateContext();
        Assert.Equal(1, await db.Donors.CountAsync());
        var online = await db.Sponsorships.SingleAsync(s => s.Id == sponsorshipId);
        var offline = await db.Charges.Join(db.Sponsorships, c => c.SponsorshipId, s => s.Id, (c, s) => new { c, s })
            .SingleAsync(x => x.c.Id == result.Gift!.ChargeId);
        Assert.Equal(online.DonorId, offline.s.DonorId);
        var cash = await db.JournalLines.Include(l => l.Account).SingleAsync(l => l.Account!.Kind == AccountKind.Cash);
        Assert.Equal(("1010-EUR", 2_000L), (cash.Account!.Code, cash.AmountMinor));
        await OfflineGifts.AssertTotalsAgreeAsync(services);
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_same_form_sent_twice_records_one_gift(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var token = Guid.NewGuid();

        var results = await Task.WhenAll(
            OfflineGifts.RecordAsync(services, OfflineGifts.Gift(), token),
            OfflineGifts.RecordAsync(services, OfflineGifts.Gift(), token));
        var again = await OfflineGifts.RecordAsync(services, OfflineGifts.Gift(), token);

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Problems)));
        Assert.True(again.AlreadyRecorded);
        Assert.Single(results.Select(r => r.ReceiptNumber).Append(again.ReceiptNumber).Distinct());
        await using var db = services.CreateContext();
        Assert.Equal(1, await db.OfflineGifts.CountAsync());
        Assert.Equal(1, await db.Charges.CountAsync());
        await OfflineGifts.AssertTotalsAgreeAsync(services);
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Bad_input_names_every_problem_and_writes_nothing(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        await using var before = services.CreateContext();
        var (charges, donors, entries) =
            (await before.Charges.CountAsync(), await before.Donors.CountAsync(), await before.JournalEntries.CountAsync());

        var result = await OfflineGifts.RecordAsync(
            services, new OfflineGiftInput("unknown@example.org", "", "XX", "atlantis", "2026-04-01", "-5", "EUR", "crypto"));

        Assert.False(result.Succeeded);
        Assert.Equal(
            ["amount", "country", "date", "fund", "method", "name"],
            result.Problems.Select(p => p.Field).Order(StringComparer.Ordinal).ToList());
        Assert.Contains(result.Problems, p => p.Message == "The date is in the future.");
        await using var db = services.CreateContext();
        Assert.Equal((charges, donors, entries), (await db.Charges.CountAsync(), await db.Donors.CountAsync(), await db.JournalEntries.CountAsync()));
        Assert.Equal(0, await db.AuditRecords.CountAsync(a => a.Action == "gift.offline-recorded"));
    }
}
