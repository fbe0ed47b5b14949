using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Payments;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Shared;
using Portal.Core.Tests.Payments.Events;

namespace Portal.Core.Tests.Payments.Sandbox;

/// <summary>The sandbox's setup checkout answers like Stripe's: one page per key, a Stripe-shaped event, card details.</summary>
public class SandboxSetupTests
{
    [Fact]
    public async Task A_setup_page_is_made_once_per_key_saves_a_chargeable_method_and_reports_its_card()
    {
        await using var seeded = await MoneyPath.SeededAsync(DatabaseProvider.Sqlite);
        var services = seeded.Services;
        var gateway = services.Get<SandboxGateway>();
        var request = new SetupCheckoutRequest(Guid.NewGuid(), "cus_sandbox_1", "ada@example.org", "EUR", "en", "setup-key",
            new Uri("http://portal.test/account/payment-method?session_id={CHECKOUT_SESSION_ID}"), new Uri(
                "http://portal.test/account/payment-method"));

        var first = Assert.IsType<CheckoutCreation.Created>(await gateway.CreateSetupCheckoutAsync(request, CancellationToken.None));
        var again = Assert.IsType<CheckoutCreation.Created>(await gateway.CreateSetupCheckoutAsync(request, CancellationToken.None));
        Assert.Equal(first.SessionId, again.SessionId);
        Assert.Equal($"http://portal.test/sandbox/setup/{first.SessionId}", first.RedirectUrl.ToString());
        Assert.Null(await services.Get<SandboxCheckout>().FindAsync(first.SessionId, CancellationToken.None));

        var saved = Assert.IsType<SandboxPayResult.Paid>(
            await services.Get<SandboxSetup>().SaveAsync(first.SessionId, "4000 0566 5566 5556", "12/34", "123", CancellationToken.None));
        Assert.Equal($"http://portal.test/account/payment-method?session_id={first.SessionId}", saved.ReturnUrl.ToString());
        Assert.IsType<CheckoutCreation.Unavailable>(await gateway.CreateSetupCheckoutAsync(request, CancellationToken.None));

        var stored = Assert.Single(await MoneyPath.EventsAsync(services));
        Assert.Equal("checkout.session.completed", stored.Type);
        await using var db = services.CreateContext();
        var setupId = (await db.SandboxPayments.SingleAsync()).Id;
        var setup = await gateway.GetSetupAsync(setupId, CancellationToken.None);
        Assert.Equal(SetupState.Succeeded, setup.State);
        Assert.Equal(new SavedPaymentMethod(setup.Method!.Id, "Visa", "5556", new DateOnly(2026, 3, 31)), setup.Method);
        Assert.Equal(SetupState.Unknown, (await gateway.GetSetupAsync("seti_sandbox_missing", CancellationToken.None)).State);

        var charge = await gateway.ChargeSavedMethodAsync(new OffSessionChargeRequest(Guid.NewGuid(), Guid.NewGuid(), request.DonorId, Guid.NewGuid(),
            new Money(3000, Currency.EUR), "cus_sandbox_1", setup.Method.Id, "Monthly", "charge-1-attempt-1"), CancellationToken.None);
        Assert.IsType<OffSessionChargeResult.Succeeded>(charge);
    }

    [Fact]
    public async Task Only_test_numbers_and_unexpired_cards_are_saved()
    {
        await using var seeded = await MoneyPath.SeededAsync(DatabaseProvider.Sqlite);
        var services = seeded.Services;
        var request = new SetupCheckoutRequest(Guid.NewGuid(), "cus_sandbox_1", "ada@example.org", null, "en", "setup-key",
            new Uri("http://portal.test/r?session_id={CHECKOUT_SESSION_ID}"), new Uri("http://portal.test/c"));
        var created = (CheckoutCreation.Created)await services.Get<SandboxGateway>().CreateSetupCheckoutAsync(request, CancellationToken.None);
        var setups = services.Get<SandboxSetup>();

        Assert.Equal("number", Assert.IsType<SandboxPayResult.Invalid>(
            await setups.SaveAsync(created.SessionId, "4111 1111 1111 1112", "12/34", "123", CancellationToken.None)).Field);
        Assert.Equal("expiry", Assert.IsType<SandboxPayResult.Invalid>(
            await setups.SaveAsync(created.SessionId, "4242424242424242", "01/26", "123", CancellationToken.None)).Field);
        Assert.Empty(await MoneyPath.EventsAsync(services));
    }
}
