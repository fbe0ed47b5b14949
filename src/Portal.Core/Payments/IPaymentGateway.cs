namespace Portal.Core.Payments;

/// <summary>
/// The one boundary to a payment provider: hosted checkout, payments on saved methods, and reading back what the
/// provider knows. Expected failures (a decline, the provider down) come back as values; exceptions are bugs.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>The name stored beside every id this gateway issued (<c>stripe</c>, <c>sandbox</c>).</summary>
    string Name { get; }

    /// <summary>Creates a hosted checkout page for a first gift. Safe to repeat with the same request.</summary>
    Task<CheckoutCreation> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken);

    /// <summary>What the gateway knows now of a payment: status, saved method, processing fee.</summary>
    Task<PaymentLookup> GetPaymentAsync(string paymentIntentId, CancellationToken cancellationToken);

    /// <summary>Charges a saved payment method with the donor absent. Safe to repeat with the same idempotency key.</summary>
    Task<OffSessionChargeResult> ChargeSavedMethodAsync(OffSessionChargeRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The payment an earlier <see cref="ChargeSavedMethodAsync"/> of this request made, if the gateway has one: how an
    /// answer that was lost (a crash, a timeout) is found again instead of charging again. Null when there is none.
    /// </summary>
    Task<PaymentLookup?> FindOffSessionChargeAsync(OffSessionChargeRequest request, CancellationToken cancellationToken);

    /// <summary>Creates a hosted page where the donor saves a new payment method. Safe to repeat with the same key.</summary>
    Task<CheckoutCreation> CreateSetupCheckoutAsync(SetupCheckoutRequest request, CancellationToken cancellationToken);

    /// <summary>What the gateway knows now of a setup: its state and the method it saved, with the card's details.</summary>
    Task<SetupLookup> GetSetupAsync(string setupIntentId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the donor's customer record, with its saved payment methods, for an erasure. Safe to repeat: a customer
    /// already gone counts as deleted. The gateway not answering comes back as <see cref="CustomerDeletion.Unavailable"/>.
    /// </summary>
    Task<CustomerDeletion> DeleteCustomerAsync(string customerId, string idempotencyKey, CancellationToken cancellationToken);
}

public abstract record CustomerDeletion
{
    private CustomerDeletion()
    {
    }

    public sealed record Deleted : CustomerDeletion;

    public sealed record Unavailable(string Reason) : CustomerDeletion;
}
