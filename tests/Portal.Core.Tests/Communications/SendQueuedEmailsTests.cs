using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Core.Communications;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Communications;

/// <summary>The outbox sender against a real SMTP server in the test process, and against the local mailbox folder.</summary>
public class SendQueuedEmailsTests
{
    [Fact]
    public async Task Queued_mail_is_sent_once_over_SMTP_as_text_and_HTML()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database, Smtp(smtp));
        await QueueAsync(services, "receipt:1", "ada@example.org");
        await QueueAsync(services, "receipt:1", "ada@example.org");

        var sent = await services.Get<SendQueuedEmails>().SendDueAsync(CancellationToken.None);
        var again = await services.Get<SendQueuedEmails>().SendDueAsync(CancellationToken.None);

        Assert.Equal(1, sent);
        Assert.Equal(0, again);
        var message = Assert.Single(smtp.Messages);
        Assert.Equal("ada@example.org", message.To.Mailboxes.Single().Address);
        Assert.Equal("Your receipt", message.Subject);
        Assert.Contains("<p>Thank you</p>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("Thank you", message.TextBody?.Trim());
        await using var db = services.CreateContext();
        var row = await db.OutboundEmails.SingleAsync();
        Assert.NotNull(row.SentAt);
        Assert.Equal($"{row.Id:N}@portal.localhost", message.MessageId);
    }

    [Fact]
    public async Task Two_senders_at_once_send_each_message_once()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database, Smtp(smtp));
        for (var i = 0; i < 20; i++)
        {
            await QueueAsync(services, $"receipt:{i}", $"donor{i}@example.org");
        }

        var sender = services.Get<SendQueuedEmails>();
        var counts = await Task.WhenAll(
            Task.Run(() => sender.SendDueAsync(CancellationToken.None)),
            Task.Run(() => sender.SendDueAsync(CancellationToken.None)));

        Assert.Equal(20, counts.Sum());
        Assert.Equal(20, smtp.Messages.Count);
        Assert.Equal(20, smtp.Messages.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_refused_recipient_is_recorded_for_good_and_not_retried()
    {
        await using var smtp = TestSmtpServer.Start();
        smtp.RefuseRecipient = address => address.StartsWith("gone", StringComparison.Ordinal);
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database, Smtp(smtp));
        await QueueAsync(services, "receipt:gone", "gone@example.org");

        await services.Get<SendQueuedEmails>().SendDueAsync(CancellationToken.None);
        services.Clock.Advance(TimeSpan.FromDays(1));
        await services.Get<SendQueuedEmails>().SendDueAsync(CancellationToken.None);

        await using var db = services.CreateContext();
        var row = await db.OutboundEmails.SingleAsync();
        Assert.NotNull(row.FailedAt);
        Assert.Null(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.StartsWith("550", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relay_that_is_down_is_retried_later_and_the_message_goes_out_when_it_is_back()
    {
        var smtp = TestSmtpServer.Start();
        var port = smtp.Port;
        await smtp.DisposeAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database, new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None"
        });
        await QueueAsync(services, "receipt:later", "ada@example.org");

        Assert.Equal(0, await services.Get<SendQueuedEmails>().SendDueAsync(CancellationToken.None));
        await using (var db = services.CreateContext())
        {
            var row = await db.OutboundEmails.SingleAsync();
            Assert.Null(row.FailedAt);
            Assert.True(row.NextAttemptAt > services.Clock.GetUtcNow().UtcDateTime);
        }

        Assert.Equal(0, await services.Get<SendQueuedEmails>().SendDueAsync(CancellationToken.None));
        services.Clock.Advance(TimeSpan.FromMinutes(3));
        await using var back = TestSmtpServer.StartOn(port);
        Assert.Equal(1, await services.Get<SendQueuedEmails>().SendDueAsync(CancellationToken.None));
        Assert.Single(back.Messages);
    }

    [Fact]
    public async Task Without_SMTP_mail_lands_in_the_local_mailbox_folder_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        await QueueAsync(services, "sign-in:1", "ada@example.org");

        await services.Get<SendQueuedEmails>().SendDueAsync(CancellationToken.None);

        var file = Assert.Single(services.Get<MailboxFolder>().List());
        using var message = await MimeMessage.LoadAsync(file.FullName);
        Assert.Equal("Your receipt", message.Subject);
        Assert.NotNull(services.Get<MailboxFolder>().Find(file.Name));
        Assert.Null(services.Get<MailboxFolder>().Find("../portal.db"));
    }

    private static Dictionary<string, string?> Smtp(TestSmtpServer smtp) => new()
    {
        ["Email:Transport"] = "Smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
    };

    private static Task QueueAsync(PortalServices services, string key, string to) =>
        services.InScopeAsync(async scope =>
        {
            await scope.GetRequiredService<EmailOutbox>().QueueAsync(
                key,
                EmailCategory.Transactional,
                null,
                to,
                "Ada",
                new RenderedEmail("Your receipt", "<p>Thank you</p>", "Thank you"),
                CancellationToken.None);
            await scope.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        });
}
