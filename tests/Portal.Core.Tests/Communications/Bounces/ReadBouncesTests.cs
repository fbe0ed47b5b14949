using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Bounces;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Jobs.Jobs;
using Portal.Testing;

namespace Portal.Core.Tests.Communications.Bounces;

/// <summary>The bounce mailbox read with MailKit's real IMAP client from a scripted IMAP server in the test process.</summary>
public class ReadBouncesTests
{
    [Fact]
    public async Task Hard_bounces_are_suppressed_and_their_queued_deliveries_skipped_and_each_message_is_read_once()
    {
        await using var imap = TestImapServer.Start();
        imap.Add(DsnSamples.Hard);
        imap.Add(DsnSamples.Soft);
        imap.Add(DsnSamples.NotADsn);
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database, Settings(imap));
        var (queued, soft, sent) = (await DeliveryAsync(services, " WSnell@sdcc13.ucsd.edu"), await DeliveryAsync(
            services,
            "louisl@larry.slip.umd.edu"), await DeliveryAsync(services, "wsnell@sdcc13.ucsd.edu", DeliveryStatus.Sent));

        var first = await services.Get<ReadBounces>().RunAsync(CancellationToken.None);
        await ActivatorUtilities.CreateInstance<ReadBouncesJob>(services.Provider).Run(CancellationToken.None);
        var again = await services.Get<ReadBounces>().RunAsync(CancellationToken.None);

        Assert.Equal(new BounceRun(3, 2, 0, null), first);
        Assert.Equal(new BounceRun(0, 0, 0, null), again);
        Assert.Equal([true, true, true], imap.Seen());
        // What MailKit sent in the first session, tags left out: every message fetched unmarked, then flagged.
        Assert.Equal(
            ["LOGIN bounces secret", "LIST \"\" \"\"", "LIST \"\" \"INBOX\"", "SELECT INBOX", "UID SEARCH UNSEEN",
             "UID FETCH 1 (BODY.PEEK[])", "UID STORE 1 +FLAGS.SILENT (\\Seen)", "UID FETCH 2 (BODY.PEEK[])", "UID STORE 2 +FLAGS.SILENT (\\Seen)",
             "UID FETCH 3 (BODY.PEEK[])", "UID STORE 3 +FLAGS.SILENT (\\Seen)", "LOGOUT"],
            imap.Commands.Where(c => c.StartsWith('A')).Select(c => c.Split(' ', 2)[1]));
        await using var db = services.CreateContext();
        var suppressions = await db.EmailSuppressions.OrderBy(s => s.NormalizedEmail).ToListAsync();
        Assert.Equal(["ARATHIB@VNET.IBM.COM", "WSNELL@SDCC13.UCSD.EDU"], suppressions.Select(s => s.NormalizedEmail));
        Assert.All(suppressions, s => Assert.Equal(SuppressionReason.HardBounce, s.Reason));
        Assert.Equal("5.0.0 smtp; 550 user unknown", suppressions[1].Detail);
        var deliveries = await db.UpdateDeliveries.ToDictionaryAsync(d => d.Id);
        Assert.Equal((DeliveryStatus.Skipped, SuppressHardBounces.SkippedReason), (deliveries[queued].Status, deliveries[queued].LastError));
        Assert.Equal(DeliveryStatus.Queued, deliveries[soft].Status);
        Assert.Equal(DeliveryStatus.Sent, deliveries[sent].Status);

        // The same notification recorded again (a mailbox that lost its flags) changes nothing.
        await services.InScopeAsync(scope => scope.GetRequiredService<SuppressHardBounces>()
            .RecordAsync(DeliveryStatusNotifications.Read(DeliveryStatusNotificationsTests.Parse(DsnSamples.Hard)), CancellationToken.None));
        Assert.Equal(2, await db.EmailSuppressions.CountAsync());
    }

    [Fact]
    public async Task Wrong_credentials_are_a_result_and_a_disabled_mailbox_is_not_read()
    {
        await using var imap = TestImapServer.Start();
        imap.Add(DsnSamples.Hard);
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = Settings(imap);
        settings["Email:Bounces:Imap:Password"] = "wrong";
        await using var wrong = PortalServices.Create(database, settings);
        await using var disabled = PortalServices.Create(database);

        var refused = await wrong.Get<ReadBounces>().RunAsync(CancellationToken.None);
        var off = await disabled.Get<ReadBounces>().RunAsync(CancellationToken.None);

        Assert.StartsWith("AuthenticationException", refused.Problem, StringComparison.Ordinal);
        Assert.Equal("disabled", off.Problem);
        Assert.Equal([false], imap.Seen());
    }

    [Fact]
    public void An_enabled_mailbox_needs_its_host_and_credentials_and_a_disabled_one_nothing()
    {
        var enabled = new ImapBounceOptions { Enabled = true, Port = 0 };

        var problems = enabled.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(enabled)).Select(r => r.MemberNames.Single());

        Assert.Equal(["Host", "UserName", "Password", "Port"], problems);
        Assert.Empty(new ImapBounceOptions().Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new ImapBounceOptions())));
    }

    private static Dictionary<string, string?> Settings(TestImapServer imap) => new()
    {
        ["Email:Bounces:Imap:Enabled"] = "true",
        ["Email:Bounces:Imap:Host"] = "127.0.0.1",
        ["Email:Bounces:Imap:Port"] = imap.Port.ToString(CultureInfo.InvariantCulture),
        ["Email:Bounces:Imap:Security"] = "None",
        ["Email:Bounces:Imap:UserName"] = imap.UserName,
        ["Email:Bounces:Imap:Password"] = imap.Password,
    };

    private static async Task<Guid> DeliveryAsync(PortalServices services, string address, DeliveryStatus status = DeliveryStatus.Queued)
    {
        await using var db = services.CreateContext();
        var email = $"donor-{Guid.NewGuid():N}@example.org";
        var donor = new Donor
        {
            Email = email,
            NormalizedEmail = Donor.Normalize(email),
            Name = "Donor",
            CountryCode = "AT",
            CreatedAt = DateTime.UtcNow
        };
        var update = new ImpactUpdate
        {
            Title = "News",
            BodyMarkdown = "News",
            AudienceKind = UpdateAudienceKind.AllDonors,
            CreatedBy = "comms@example.org"
        };
        var delivery = new UpdateDelivery
        {
            UpdateId = update.Id,
            DonorId = donor.Id,
            ToAddress = address,
            ToName = "Donor",
            Language = "en",
            Status = status
        };
        db.AddRange(donor, update, delivery);
        await db.SaveChangesAsync();
        return delivery.Id;
    }
}
