using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications;
using Portal.Core.Data;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Dunning;
using Portal.Core.Sponsorships.Runs;
using Portal.FakeStripe;
using Portal.Testing;

namespace Portal.Core.Tests.Sponsorships;

/// <summary>
/// Declines follow their code through the charge run: retries on a schedule, a new card, or the donor's confirmation; each step
/// e-mailed once.
/// </summary>
public class DunningTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_soft_decline_is_retried_after_one_three_and_seven_days_then_the_sponsorship_is_paused_past_due(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var id = await recurring.AddAsync(TestPaymentMethods.InsufficientFunds, language: "de");
        var start = recurring.Services.Clock.GetUtcNow();

        await recurring.RunAsync();
        var charge = Assert.Single(await recurring.ChargesAsync(id));
        Assert.Equal(ChargeStatus.Failed, charge.Status);
        Assert.Equal("insufficient_funds", charge.DeclineCode);
        Assert.Equal(start.AddDays(1).UtcDateTime, charge.NextRetryAt);

        foreach (var (day, attempt) in new[] { (1, 2), (3, 3), (7, 4) })
        {
            // Nothing happens before the retry day.
            await recurring.RunAsync();
            Assert.Equal(attempt - 1, (await recurring.ChargesAsync(id)).Single().Attempt);
            recurring.Services.Clock.SetUtcNow(start.AddDays(day).AddMinutes(1));
            await recurring.RunAsync();
            Assert.Equal(attempt, (await recurring.ChargesAsync(id)).Single().Attempt);
        }

        charge = Assert.Single(await recurring.ChargesAsync(id));
        Assert.Equal(ChargeStatus.Failed, charge.Status);
        Assert.Null(charge.NextRetryAt);
        var sponsorship = await recurring.SponsorshipAsync(id);
        Assert.Equal(SponsorshipStatus.PastDue, sponsorship.Status);
        Assert.NotNull(sponsorship.PastDueSince);
        Assert.Equal(4, recurring.Stripe.PaymentIntents.Count);

        await using var db = recurring.Services.CreateContext();
        var mails = await db.OutboundEmails.Where(m => m.IdempotencyKey.StartsWith("dunning:")).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(4, mails.Count);
        Assert.All(mails.Take(3), m => Assert.Contains("erneut", m.TextBody, StringComparison.Ordinal));
        Assert.Contains("pausiert", mails[3].Subject, StringComparison.Ordinal);
        Assert.All(mails, m => Assert.Contains("http://portal.test/account/payment-method", m.TextBody, StringComparison.Ordinal));
        Assert.All(mails, m => Assert.Equal(EmailCategory.Transactional, m.Category));
        var history = await db.ChargeAttempts.Where(a => a.ChargeId == charge.Id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([1, 2, 3, 4], history.Select(a => a.Attempt));
        Assert.All(history, a => Assert.Equal(ChargeAttemptOutcome.SoftDecline, a.Outcome));

        // Past due: the next month is not charged until the donor or staff act.
        recurring.Services.Clock.SetUtcNow(start.AddDays(40));
        await recurring.RunAsync();
        Assert.Single(await recurring.ChargesAsync(id));
    }

    [Theory]
    [InlineData("de", "de-DE", "Ihre Spende für Children's Village Nairobi", "Wir versuchen es am", "Zahlungsmittel ändern")]
    [InlineData("fr", "fr-FR", "Nous n'avons pas pu prélever votre don à Children's Village Nairobi", "nous réessaierons le",
        "Modifier votre moyen de paiement")]
    [InlineData("es", "es-ES", "No hemos podido cobrar tu donativo a Children's Village Nairobi", "volveremos a intentarlo el",
        "Cambiar tu método de pago")]
    [InlineData("pt", "en-GB", "We could not collect your", "we will try again on", "Update your payment method")]
    public async Task A_declined_gift_is_explained_in_the_donors_language_with_the_amount_in_its_culture(
        string language, string culture, string subject, string retry, string action)
    {
        await using var recurring = await Recurring.CreateAsync(DatabaseProvider.Sqlite);
        await recurring.AddAsync(TestPaymentMethods.InsufficientFunds, amountMinor: 123456, language: language);

        await recurring.RunAsync();

        await using var db = recurring.Services.CreateContext();
        var mail = await db.OutboundEmails.SingleAsync(m => m.IdempotencyKey.StartsWith("dunning:"));
        Assert.StartsWith(subject, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(retry, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{action}: http://portal.test/account/payment-method", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(new Money(123456, Currency.EUR).Format(CultureInfo.GetCultureInfo(culture)), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{culture[..2]}\">", mail.HtmlBody, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_hard_decline_stops_at_once_and_asks_for_a_new_payment_method(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var id = await recurring.AddAsync(TestPaymentMethods.StolenCard);

        await recurring.RunAsync();
        recurring.Services.Clock.Advance(TimeSpan.FromDays(8));
        await recurring.RunAsync();

        var charge = Assert.Single(await recurring.ChargesAsync(id));
        Assert.Equal(ChargeStatus.Failed, charge.Status);
        Assert.Equal("stolen_card", charge.DeclineCode);
        Assert.Equal(1, charge.Attempt);
        Assert.Null(charge.NextRetryAt);
        Assert.Equal(SponsorshipStatus.PastDue, (await recurring.SponsorshipAsync(id)).Status);
        Assert.Single(recurring.Stripe.PaymentIntents);
        await using var db = recurring.Services.CreateContext();
        var mail = await db.OutboundEmails.SingleAsync(m => m.IdempotencyKey.StartsWith("dunning:"));
        Assert.Contains("update your payment method", mail.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("http://portal.test/account/payment-method", mail.HtmlBody, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Authentication_required_sends_the_donor_a_signed_link_to_confirm_on_session(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var id = await recurring.AddAsync(TestPaymentMethods.AuthenticationRequired);

        var run = await recurring.RunAsync();

        Assert.Equal(1, run.ActionRequired);
        var charge = Assert.Single(await recurring.ChargesAsync(id));
        Assert.Equal(ChargeStatus.ActionRequired, charge.Status);
        Assert.Equal(SponsorshipStatus.Active, (await recurring.SponsorshipAsync(id)).Status);
        await using var db = recurring.Services.CreateContext();
        var mail = await db.OutboundEmails.SingleAsync(m => m.IdempotencyKey.StartsWith("dunning:"));
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody, @"http://portal\.test/pay/(\S+)");
        Assert.True(link.Success, mail.TextBody);
        var links = recurring.Services.Get<PaymentLinks>();
        Assert.Equal(new ConfirmToken(charge.Id, 1), links.Read(link.Groups[1].Value));
        Assert.Null(links.Read(link.Groups[1].Value[..^2] + "xx"));
        recurring.Services.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Null(links.Read(link.Groups[1].Value));
    }
}
