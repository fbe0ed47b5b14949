using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Shared;
using Portal.Core.Tests.Payments.Events;

namespace Portal.Core.Tests.Communications.Receipts;

/// <summary>A first gift's receipt e-mail is written in the donor's saved language, its amounts in that language's culture.</summary>
public class ReceiptLanguagesTests
{
    [Theory]
    [InlineData("de", "de-DE", "Ihre Zuwendungsbestätigung 20", "Ihre Spende für Children's Village Nairobi ist angekommen", "Spende:")]
    [InlineData("fr", "fr-FR", "Votre reçu 20", "Votre don à Children's Village Nairobi nous est bien parvenu", "Don:")]
    [InlineData("es", "es-ES", "Su recibo 20", "Su donativo a Children's Village Nairobi ha llegado", "Donativo:")]
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
}
