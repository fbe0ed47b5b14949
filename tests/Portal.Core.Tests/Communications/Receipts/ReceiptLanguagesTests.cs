using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications;
using Portal.Core.Communications.Receipts;
using Portal.Core.Data;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Refunds;
using Portal.Core.Shared;
using Portal.Core.Tests.Payments.Events;

namespace Portal.Core.Tests.Communications.Receipts;

/// <summary>A first gift's receipt e-mail is written in the donor's saved language, its amounts in that language's culture.</summary>
public class ReceiptLanguagesTests
{
    [Theory]
    [InlineData("de", "de-DE", "Ihr Spendenbeleg 20", "Ihre Spende für Children's Village Nairobi ist angekommen", "Spende:")]
    [InlineData("fr", "fr-FR", "Votre reçu 20", "Votre don à Children's Village Nairobi nous est bien parvenu", "Don:")]
    [InlineData("es", "es-ES", "Tu recibo 20", "Tu donativo a Children's Village Nairobi ha llegado", "Donativo:")]
    [InlineData("pt", "en-GB", "Your receipt 20", "Your gift to Children's Village Nairobi has arrived", "Gift:")]
    public async Task The_receipt_is_in_the_donors_language(string language, string culture, string subject, string phrase, string giftLabel)
    {
        await using var seeded = await MoneyPath.SeededAsync(DatabaseProvider.Sqlite);
        var services = seeded.Services;
        var (sponsorshipId, session) = await MoneyPath.StartAsync(services, amount: "30", language: language);
        Assert.IsType<SandboxPayResult.Paid>(await MoneyPath.PayAsync(services, session));
        await MoneyPath.ApplyAllAsync(services);
        var charge = await MoneyPath.ChargeAsync(services, sponsorshipId);

        await using var db = services.CreateContext();
        var mail = await db.OutboundEmails.SingleAsync(m => m.IdempotencyKey == $"receipt:{charge.Id}");
        var thirty = new Money(3000, Currency.EUR).Format(CultureInfo.GetCultureInfo(culture));
        Assert.StartsWith(subject, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(phrase, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(thirty, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(thirty, System.Net.WebUtility.HtmlDecode(mail.HtmlBody), StringComparison.Ordinal);
        var giftLine = mail.TextBody.Split('\n').Single(line => line.StartsWith(giftLabel, StringComparison.Ordinal));
        Assert.EndsWith(thirty, giftLine.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{culture[..2]}\">", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de", "de-DE", "Ihr berichtigter Spendenbeleg ", "Berichtigte Spende:")]
    [InlineData("fr", "fr-FR", "Votre reçu rectifié ", "Don rectifié:")]
    [InlineData("es", "es-ES", "Tu recibo rectificado ", "Donativo rectificado:")]
    [InlineData("pt", "en-GB", "Your amended receipt ", "Amended gift:")]
    public async Task The_amended_receipt_after_a_refund_is_in_the_donors_language(string language, string culture, string subject, string kept)
    {
        await using var seeded = await MoneyPath.SeededAsync(DatabaseProvider.Sqlite);
        var services = seeded.Services;
        var (sponsorshipId, session) = await MoneyPath.StartAsync(services, amount: "30", language: language);
        Assert.IsType<SandboxPayResult.Paid>(await MoneyPath.PayAsync(services, session));
        await MoneyPath.ApplyAllAsync(services);
        var charge = await MoneyPath.ChargeAsync(services, sponsorshipId);
        var refund = await services.InScopeAsync(scope => scope.GetRequiredService<RefundDesk>().RefundAsync(
            new RefundInput(charge.Id, "12.50", "Donor asked", "requested_by_customer"), "staff-1", "finance@example.org", CancellationToken.None));
        Assert.Null(refund.Message);

        // The amended receipt is rendered as it is sent, by the same renderer the outbox uses.
        var mail = await services.InScopeAsync(scope => scope.GetServices<IDeferredEmailRenderer>()
            .Single(r => r.Template == ReceiptMail.AmendedTemplate).RenderAsync(charge.Id, CancellationToken.None));

        var format = CultureInfo.GetCultureInfo(culture);
        Assert.NotNull(mail);
        Assert.StartsWith(subject, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(new Money(1250, Currency.EUR).Format(format), mail.Subject, StringComparison.Ordinal);
        var keptLine = mail.Text.Split('\n').Single(line => line.StartsWith(kept, StringComparison.Ordinal));
        Assert.Contains(new Money(1750, Currency.EUR).Format(format), keptLine, StringComparison.Ordinal);
    }
}
