using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Donors.Care;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Donors.Care;

/// <summary>What donor care does for a donor is audited with the staff member and their reason, and told to the donor.</summary>
public class DonorCareTests
{
    private static readonly StaffActor Carla = new("staff-1", "carla@charity.example", "Donor phoned on 5 December");

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_change_of_amount_for_the_donor_names_the_staff_member_and_tells_the_donor(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);
        var version = (await scenario.LoadAsync()).Version;

        var result = await services.InScopeAsync(scope => scope.GetRequiredService<SponsorshipChanges>().ChangeAmountAsync(
            new ChangeRequest(scenario.DonorId, scenario.SponsorshipId, version, Staff: Carla), "45", CancellationToken.None));

        Assert.IsType<ChangeResult.Changed>(result);
        Assert.Equal(4500, (await scenario.LoadAsync()).AmountMinor);
        await using var db = services.CreateContext();
        var record = await db.AuditRecords.SingleAsync();
        Assert.Equal(("sponsorship.amount-changed", "staff-1", "carla@charity.example"), (record.Action, record.ActorId, record.ActorName));
        Assert.Contains("reason: Donor phoned on 5 December", record.Details, StringComparison.Ordinal);
        var email = await db.OutboundEmails.SingleAsync();
        Assert.Equal("ada@example.org", email.ToAddress);
        Assert.Contains("Our donor care team made this change for you.", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("If you did not make this change yourself", email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Corrected_details_are_saved_audited_and_told_at_the_old_and_the_new_address(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);
        var details = new DonorDetails(
            "Ada Lovelace", "ada.new@example.org", "+44 20 7946 0000", "12 St James's Square", "SW1Y 4JH", "London", "GB", "de");

        var refusals = await Care(services, care => care.UpdateDetailsAsync(scenario.DonorId, Carla, details, CancellationToken.None));

        Assert.Empty(refusals);
        await using var db = services.CreateContext();
        var donor = await db.Donors.SingleAsync();
        Assert.Equal(
            ("Ada Lovelace", "ADA.NEW@EXAMPLE.ORG", "SW1Y4JH", "ada lovelace", "lovelace", "de"),
            (donor.Name, donor.NormalizedEmail, donor.PostalCodeKey, donor.SearchName, donor.SearchLastName, donor.Language));
        var record = await db.AuditRecords.SingleAsync();
        Assert.Equal(("donor-care.details-changed", DonorCare.Subject(scenario.DonorId)), (record.Action, record.Subject));
        Assert.Equal("Name, Email, Phone, Address, Language; reason: Donor phoned on 5 December", record.Details);
        var emails = await db.OutboundEmails.OrderBy(m => m.IdempotencyKey).ToListAsync();
        Assert.Equal(["ada.new@example.org", "ada@example.org"], emails.Select(m => m.ToAddress));
        // In the donor's (new) language, naming what changed.
        Assert.All(emails, m => Assert.Contains("Name, E-Mail-Adresse, Telefonnummer, Postanschrift, Sprache", m.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Details_are_refused_field_by_field_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        var ada = await SponsorshipScenario.CreateAsync(services);
        await SponsorshipScenario.CreateAsync(services, email: "bob@example.org");
        var noReason = Carla with { Reason = " " };

        var taken = await Care(services, care => care.UpdateDetailsAsync(
            ada.DonorId, Carla, new DonorDetails("Ada", "BOB@example.org", null, null, null, null, "GB", "en"), CancellationToken.None));
        var wrong = await Care(services, care => care.UpdateDetailsAsync(
            ada.DonorId, noReason, new DonorDetails("", "not an address", new string('1', 41), null, null, null, "XX", "tlh"),
            CancellationToken.None));

        Assert.Equal(["Email"], taken.Select(r => r.Field));
        Assert.Equal(["Reason", "Name", "Email", "Phone", "CountryCode", "Language"], wrong.Select(r => r.Field));
        await using var db = services.CreateContext();
        Assert.Equal(0, await db.AuditRecords.CountAsync() + await db.OutboundEmails.CountAsync());
        Assert.Equal("ada@example.org", (await db.Donors.SingleAsync(d => d.Id == ada.DonorId)).Email);
    }

    [Fact]
    public async Task The_donors_page_lists_notes_and_changes_newest_first_and_caps_the_gifts()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);
        for (var month = 1; month <= DonorFiles.Shown + 5; month++)
        {
            await scenario.AddChargeAsync(SponsorshipScenario.Started.AddMonths(month), ChargeStatus.Succeeded);
        }

        Assert.Null(await Care(services, care => care.AddNoteAsync(scenario.DonorId, Carla, "Prefers letters to e-mail.", CancellationToken.None)));
        Assert.NotNull(await Care(services, care => care.AddNoteAsync(scenario.DonorId, Carla, "  ", CancellationToken.None)));
        await scenario.ChangeAsync((changes, request) => changes.PauseAsync(request, 2, CancellationToken.None));

        var file = await services.InScopeAsync(scope => scope.GetRequiredService<DonorFiles>().ReadAsync(scenario.DonorId, CancellationToken.None));

        Assert.NotNull(file);
        Assert.Equal((DonorFiles.Shown, DonorFiles.Shown + 6), (file.Gifts.Count, file.GiftCount));
        Assert.Equal(["sponsorship.paused", "donor-care.note"], file.History.Select(r => r.Action));
        Assert.Equal("Prefers letters to e-mail.", file.History[1].Details);
        Assert.Single(file.Sponsorships);
        Assert.Null(await services.InScopeAsync(scope => scope.GetRequiredService<DonorFiles>().ReadAsync(Guid.NewGuid(), CancellationToken.None)));
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_receipt_sent_again_and_a_card_link_go_out_once_per_form_and_only_for_the_donors_own(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var ada = await SponsorshipScenario.CreateAsync(services);
        var bob = await SponsorshipScenario.CreateAsync(services, email: "bob@example.org");
        Guid adasCharge, bobsCharge;
        await using (var db = services.CreateContext())
        {
            var charges = await db.Charges.ToListAsync();
            adasCharge = charges.Single(c => c.SponsorshipId == ada.SponsorshipId).Id;
            bobsCharge = charges.Single(c => c.SponsorshipId == bob.SponsorshipId).Id;
            charges.ForEach(c => c.ReceiptNumber = $"2026-{charges.IndexOf(c) + 1:D7}");
            await db.SaveChangesAsync();
        }

        var form = Guid.NewGuid();
        Task<string?> Resend() => Care(
            services, care => care.ResendAsync(ada.DonorId, Carla, ResendKind.Receipt, adasCharge, form, CancellationToken.None));
        var first = await Resend();
        var again = await Resend();
        var notHers = await Care(
            services, care => care.ResendAsync(ada.DonorId, Carla, ResendKind.Receipt, bobsCharge, form, CancellationToken.None));
        var noReason = await Care(services, care => care.ResendAsync(
            ada.DonorId, Carla with { Reason = "" }, ResendKind.Receipt, adasCharge, Guid.NewGuid(), CancellationToken.None));
        var link = await Care(services, care => care.SendCardLinkAsync(ada.DonorId, Carla, ada.SponsorshipId, form, CancellationToken.None));
        var linkAgain = await Care(services, care => care.SendCardLinkAsync(ada.DonorId, Carla, ada.SponsorshipId, form, CancellationToken.None));
        var bobsLink = await Care(services, care => care.SendCardLinkAsync(ada.DonorId, Carla, bob.SponsorshipId, form, CancellationToken.None));

        Assert.Equal((null, null, null, null), (first, again, link, linkAgain));
        Assert.NotNull(notHers);
        Assert.NotNull(noReason);
        Assert.NotNull(bobsLink);
        await using var check = services.CreateContext();
        var emails = await check.OutboundEmails.OrderBy(m => m.IdempotencyKey).ToListAsync();
        Assert.Equal(2, emails.Count);
        Assert.Equal(("receipt", adasCharge), (emails[1].Template, emails[1].TemplateRef));
        Assert.Contains("/account/payment-method", emails[0].TextBody, StringComparison.Ordinal);
        Assert.All(emails, m => Assert.Equal("ada@example.org", m.ToAddress));
        Assert.Equal(
            ["donor-care.card-link-sent", "donor-care.receipt-resent"],
            await check.AuditRecords.OrderBy(r => r.Action).Select(r => r.Action).ToListAsync());
    }

    private static Task<T> Care<T>(PortalServices services, Func<DonorCare, Task<T>> work) =>
        services.InScopeAsync(scope => work(scope.GetRequiredService<DonorCare>()));
}
