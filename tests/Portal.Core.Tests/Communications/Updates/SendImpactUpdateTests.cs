using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Shared;
using Portal.Core.Spending;
using Portal.Core.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Communications.Updates;

/// <summary>Sending an update through a real SMTP server in the test process: who gets it, what it says, and once.</summary>
public class SendImpactUpdateTests
{
    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task An_update_reaches_exactly_the_funds_consenting_sponsors_once_personalised_in_their_language(DatabaseProvider provider)
    {
        await using var scenario = await UpdateScenario.CreateAsync(provider);
        await scenario.DonorAsync("ada@example.org", paidMinor: 9000, name: "Ada <Lovelace>");
        await scenario.DonorAsync("berta@example.org", status: SponsorshipStatus.Paused, language: "de", name: "Berta");
        await scenario.DonorAsync("other-fund@example.org", fundSlug: "ibarra");
        await scenario.DonorAsync("no-consent@example.org", consent: false);
        await scenario.DonorAsync("opted-out@example.org", optOuts: MailTopics.ImpactUpdates);
        await scenario.DonorAsync(
            "cancelled@example.org",
            status: SponsorshipStatus.Cancelled,
            endedAt: new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc));
        await scenario.DonorAsync("pending@example.org", status: SponsorshipStatus.Pending);
        await RecordSpendingAsync(scenario);
        var update = await scenario.UpdateAsync(change: u => u.IncludePaused = true);

        var handed = await scenario.RunJobAsync();
        var again = await scenario.RunJobAsync();

        Assert.Equal(2, handed);
        Assert.Equal(0, again);
        Assert.Equal(["ada@example.org", "berta@example.org"], scenario.Recipients().Order());
        var ada = scenario.Smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == "ada@example.org");
        Assert.Equal("A dry school", ada.Subject);
        Assert.Contains("Dear Ada &lt;Lovelace&gt;,", ada.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Dear Ada <Lovelace>,", ada.TextBody, StringComparison.Ordinal);
        Assert.Contains("The new school roof is on.", ada.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("This year you have given €90.00 to Children's Village Nairobi", ada.TextBody, StringComparison.Ordinal);
        Assert.Contains("€1,250.00 on education and €300.00 on health care", ada.TextBody, StringComparison.Ordinal);
        Assert.Matches(@"^<http://portal\.test/unsubscribe/[A-Za-z0-9_-]+>$", ada.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", ada.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("Bulk", ada.Headers["X-Portal-Category"]);
        var berta = scenario.Smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == "berta@example.org");
        Assert.Contains("Liebe/r Berta,", berta.TextBody, StringComparison.Ordinal);
        Assert.Contains("1.250,00 € für Bildung", berta.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("This year you have given", berta.TextBody, StringComparison.Ordinal);
        var sent = await scenario.ReloadAsync(update.Id);
        Assert.Equal(UpdateStatus.Sent, sent.Status);
        Assert.Equal(2, sent.RecipientCount);
        Assert.All(await scenario.DeliveriesAsync(update.Id), d => Assert.Equal(DeliveryStatus.Sent, d.Status));
    }

    [Theory]
    [InlineData("fr", "fr-FR", "Bonjour Chloé,", "Cette année, vous avez donné {0} à Children's Village Nairobi", "{0} pour l'éducation",
        "Ne plus recevoir les nouvelles de nos actions")]
    [InlineData("es", "es-ES", "Estimado/a Chloé:", "Este año has donado {0} a Children's Village Nairobi", "{0} en educación",
        "Dejar de recibir noticias de nuestro trabajo")]
    public async Task The_words_around_an_update_are_in_the_donors_language_with_amounts_in_its_culture(
        string language, string culture, string greeting, string given, string spending, string unsubscribe)
    {
        await using var scenario = await UpdateScenario.CreateAsync(DatabaseProvider.Sqlite);
        await scenario.DonorAsync("chloe@example.org", paidMinor: 9000, language: language, name: "Chloé");
        await RecordSpendingAsync(scenario);
        await scenario.UpdateAsync();

        Assert.Equal(1, await scenario.RunJobAsync());

        var format = CultureInfo.GetCultureInfo(culture);
        var mail = Assert.Single(scenario.Smtp.Messages);
        Assert.Equal("A dry school", mail.Subject);
        Assert.Contains(greeting, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(string.Format(format, given, new Money(9000, Currency.EUR).Format(format)), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(string.Format(format, spending, new Money(125000, Currency.EUR).Format(format)), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(unsubscribe, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\">", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_and_active_content_in_the_Markdown_body_never_reach_the_mail()
    {
        await using var scenario = await UpdateScenario.CreateAsync();
        await scenario.DonorAsync("ada@example.org");
        await scenario.UpdateAsync(
            body: "Hello <script>alert('x')</script> [click](javascript:alert(1)) <img src=x onerror=alert(2)> "
                + "<iframe src=\"https://evil.example\"></iframe>");

        await scenario.RunJobAsync();

        var html = Assert.Single(scenario.Smtp.Messages).HtmlBody;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=\"x\"", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsubscribing_with_the_messages_link_stops_bulk_mail_but_not_receipts()
    {
        await using var scenario = await UpdateScenario.CreateAsync();
        var ada = await scenario.DonorAsync("ada@example.org");
        await scenario.DonorAsync("bob@example.org");
        await scenario.UpdateAsync();
        await scenario.RunJobAsync();
        var header = scenario.Smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == "ada@example.org").Headers["List-Unsubscribe"] ?? "";
        var token = header.Trim('<', '>').Split('/')[^1];

        var read = scenario.Services.Get<UnsubscribeLinks>().Read(token)
            ?? throw new Xunit.Sdk.XunitException("The unsubscribe token does not read back.");
        await scenario.Services.InScopeAsync(
            scope => scope.GetRequiredService<MailConsent>().UnsubscribeAsync(read.DonorId, read.Topic, "test", CancellationToken.None));
        scenario.Smtp.Messages.Clear();
        await scenario.UpdateAsync();
        await scenario.RunJobAsync();

        Assert.Equal(ada.Id, read.DonorId);
        Assert.Equal(["bob@example.org"], scenario.Recipients());
        Assert.Null(scenario.Services.Get<UnsubscribeLinks>().Read(token[..^2] + "xx"));
        await using var db = scenario.Services.CreateContext();
        Assert.Equal(MailTopics.TransparencyReports | MailTopics.Appeals, (await db.Donors.SingleAsync(d => d.Id == ada.Id)).MailConsents);
    }

    [Fact]
    public async Task A_suppressed_address_and_a_withdrawal_during_a_send_skip_the_deliveries_already_queued()
    {
        await using var scenario = await UpdateScenario.CreateAsync();
        var ada = await scenario.DonorAsync("ada@example.org");
        await scenario.DonorAsync("bounced@example.org");
        await scenario.DonorAsync("carl@example.org");
        var update = await scenario.UpdateAsync();
        await scenario.Services.Get<ExpandAudience>().RunAsync(update.Id, CancellationToken.None);

        await scenario.Services.InScopeAsync(scope => scope.GetRequiredService<MailConsent>()
            .SuppressAsync("Bounced@Example.org", SuppressionReason.HardBounce, "5.1.1 user unknown", CancellationToken.None));
        await scenario.Services.InScopeAsync(
            scope => scope.GetRequiredService<MailConsent>()
                .SetWantedAsync(ada.Id, MailTopics.TransparencyReports, "test", "en", CancellationToken.None));
        await scenario.RunJobAsync();

        Assert.Equal(["carl@example.org"], scenario.Recipients());
        var deliveries = await scenario.DeliveriesAsync(update.Id);
        Assert.Equal(2, deliveries.Count(d => d.Status == DeliveryStatus.Skipped));
        Assert.Equal(UpdateStatus.Sent, (await scenario.ReloadAsync(update.Id)).Status);
    }

    [Fact]
    public async Task A_transparency_report_summary_goes_to_the_sponsors_who_want_reports_even_if_they_turned_updates_off()
    {
        await using var scenario = await UpdateScenario.CreateAsync();
        await scenario.DonorAsync("reports-only@example.org", optOuts: MailTopics.ImpactUpdates | MailTopics.Appeals);
        await scenario.DonorAsync("no-reports@example.org", optOuts: MailTopics.TransparencyReports);
        var now = scenario.Services.Clock.GetUtcNow().UtcDateTime;
        // As publishing a report schedules it (PublishTransparencyReport).
        await scenario.UpdateAsync(
            change: u => (u.Topic, u.Status, u.ScheduledFor, u.IncludePaused) = (MailTopics.TransparencyReports, UpdateStatus.Scheduled, now, true));

        await scenario.RunJobAsync();

        var message = Assert.Single(scenario.Smtp.Messages);
        Assert.Equal("reports-only@example.org", message.To.Mailboxes.Single().Address);
        Assert.Contains("Unsubscribe from transparency reports", message.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("Transparency reports <transparency-reports.", message.Headers["List-Id"], StringComparison.Ordinal);
    }

    private static Task RecordSpendingAsync(UpdateScenario scenario) =>
        scenario.Services.InScopeAsync(async scope =>
        {
            var book = scope.GetRequiredService<SpendingBook>();
            var date = scenario.Services.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Empty(await book.AddAsync(
                new SpendingInput("nairobi", "education", date, "1250.00", "EUR", "School fees", "INV-1"),
                "staff",
                "staff",
                CancellationToken.None));
            Assert.Empty(await book.AddAsync(
                new SpendingInput("nairobi", "health_care", date, "300.00", "EUR", "Clinic", "INV-2"),
                "staff",
                "staff",
                CancellationToken.None));
        });
}
