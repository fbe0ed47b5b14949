using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Payments.Events;
using Portal.Testing;

namespace Portal.Core.Tests.Sponsorships;

/// <summary>The expiring-card reminder: one e-mail per donor and card, in the donor's language, only when it matters.</summary>
public class CardExpiryRemindersTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task One_reminder_per_donor_and_card_even_when_run_twice_and_none_when_the_card_outlives_the_next_charge(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var today = DateOnly.FromDateTime(services.Clock.GetUtcNow().UtcDateTime);
        var adaFirst = await PaidAsync(services, "ada@example.org");
        var adaSecond = await PaidAsync(services, "ada@example.org");
        var grace = await PaidAsync(services, "grace@example.org");
        var alan = await PaidAsync(services, "alan@example.org");
        await SetCardAsync(services, adaFirst, "pm_shared", expiresOn: today.AddDays(3), nextCharge: today.AddDays(5));
        await SetCardAsync(services, adaSecond, "pm_shared", expiresOn: today.AddDays(3), nextCharge: today.AddDays(9));
        await SetCardAsync(services, grace, "pm_grace", expiresOn: today.AddDays(30), nextCharge: today.AddDays(5));
        await SetCardAsync(services, alan, "pm_alan", expiresOn: today.AddDays(3), nextCharge: today.AddDays(40));

        var first = await RunAsync(services);
        var second = await RunAsync(services);

        Assert.Equal((1, 0), (first, second));
        await using var db = services.CreateContext();
        var ada = await db.Donors.SingleAsync(d => d.Email == "ada@example.org");
        var mail = await db.OutboundEmails.SingleAsync(m => m.IdempotencyKey.StartsWith("card-expiring:"));
        Assert.Equal(CardExpiryReminders.Key(ada.Id, "pm_shared"), mail.IdempotencyKey);
        Assert.Equal("ada@example.org", mail.ToAddress);
        Assert.Equal("Your card is about to expire", mail.Subject);
        Assert.Contains("http://portal.test/account/payment-method", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"http://portal.test/account/payment-method\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"{today.AddDays(5):d MMMM yyyy}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Children's Village Nairobi", mail.HtmlBody.Replace("&#x27;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_German_speaking_donor_gets_the_reminder_in_German_and_a_new_card_gets_its_own()
    {
        await using var seeded = await MoneyPath.SeededAsync(DatabaseProvider.Sqlite);
        var services = seeded.Services;
        var today = DateOnly.FromDateTime(services.Clock.GetUtcNow().UtcDateTime);
        var ada = await PaidAsync(services, "ada@example.org");
        await using (var db = services.CreateContext())
        {
            await db.Donors.ExecuteUpdateAsync(set => set.SetProperty(d => d.Language, "de"));
        }

        await SetCardAsync(services, ada, "pm_old", expiresOn: today.AddDays(3), nextCharge: today.AddDays(5));
        await RunAsync(services);
        await SetCardAsync(services, ada, "pm_new", expiresOn: today.AddDays(4), nextCharge: today.AddDays(5));
        await RunAsync(services);

        await using var check = services.CreateContext();
        var mails = await check.OutboundEmails.Where(m => m.IdempotencyKey.StartsWith("card-expiring:")).OrderBy(m => m.CreatedAt).ToListAsync();
        Assert.Equal(2, mails.Count);
        Assert.All(mails, mail =>
        {
            Assert.Equal("Ihre Karte läuft bald ab", mail.Subject);
            Assert.Contains("Karte aktualisieren", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"de\">", mail.HtmlBody, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("fr", "fr-FR", "d MMMM yyyy", "Votre carte arrive bientôt à expiration", "Mettre à jour votre carte")]
    [InlineData("es", "es-ES", "d 'de' MMMM 'de' yyyy", "Tu tarjeta caducará pronto", "Actualizar tu tarjeta")]
    [InlineData("pt", "en-GB", "d MMMM yyyy", "Your card is about to expire", "Update your card")]
    public async Task The_reminder_is_in_the_donors_language_with_the_date_in_its_culture(
        string language, string culture, string datePattern, string subject, string button)
    {
        await using var seeded = await MoneyPath.SeededAsync(DatabaseProvider.Sqlite);
        var services = seeded.Services;
        var today = DateOnly.FromDateTime(services.Clock.GetUtcNow().UtcDateTime);
        var ada = await PaidAsync(services, "ada@example.org");
        await using (var db = services.CreateContext())
        {
            await db.Donors.ExecuteUpdateAsync(set => set.SetProperty(d => d.Language, language));
        }

        await SetCardAsync(services, ada, "pm_old", expiresOn: today.AddDays(3), nextCharge: today.AddDays(5));
        await RunAsync(services);

        await using var check = services.CreateContext();
        var mail = await check.OutboundEmails.SingleAsync(m => m.IdempotencyKey.StartsWith("card-expiring:"));
        Assert.Equal(subject, mail.Subject);
        Assert.Contains(button, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(today.AddDays(5).ToString(datePattern, CultureInfo.GetCultureInfo(culture)), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{culture[..2]}\">", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paused_and_past_due_sponsorships_and_unknown_expiries_get_no_reminder()
    {
        await using var seeded = await MoneyPath.SeededAsync(DatabaseProvider.Sqlite);
        var services = seeded.Services;
        var today = DateOnly.FromDateTime(services.Clock.GetUtcNow().UtcDateTime);
        var paused = await PaidAsync(services, "ada@example.org");
        var sepa = await PaidAsync(services, "grace@example.org");
        await SetCardAsync(services, paused, "pm_paused", expiresOn: today.AddDays(3), nextCharge: today.AddDays(5));
        await SetCardAsync(services, sepa, "pm_sepa", expiresOn: null, nextCharge: today.AddDays(5));
        await using (var db = services.CreateContext())
        {
            await db.Sponsorships.Where(s => s.Id == paused).ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, SponsorshipStatus.Paused));
        }

        Assert.Equal(0, await RunAsync(services));
    }

    private static Task<int> RunAsync(PortalServices services) =>
        services.InScopeAsync(scope => scope.GetRequiredService<CardExpiryReminders>().QueueAsync(CancellationToken.None));

    private static async Task<Guid> PaidAsync(PortalServices services, string email)
    {
        var (sponsorshipId, session) = await MoneyPath.StartAsync(services, email: email);
        Assert.IsType<SandboxPayResult.Paid>(await MoneyPath.PayAsync(services, session));
        await MoneyPath.ApplyAllAsync(services);
        return sponsorshipId;
    }

    private static async Task SetCardAsync(PortalServices services, Guid sponsorshipId, string method, DateOnly? expiresOn, DateOnly nextCharge)
    {
        await using var db = services.CreateContext();
        await db.Sponsorships.Where(s => s.Id == sponsorshipId).ExecuteUpdateAsync(set => set
            .SetProperty(s => s.GatewayPaymentMethodId, method)
            .SetProperty(s => s.CardExpiresOn, expiresOn)
            .SetProperty(s => s.NextPeriodStart, nextCharge));
    }
}
