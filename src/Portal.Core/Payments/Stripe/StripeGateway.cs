using System.Net;
using Microsoft.Extensions.Logging;
using Portal.Core.Languages;
using Portal.Core.Payments.Events;
using Portal.Core.Shared;
using Stripe;
using Stripe.Checkout;

namespace Portal.Core.Payments.Stripe;

/// <summary>Stripe through Stripe.net. Every write carries a deterministic idempotency key.</summary>
public sealed partial class StripeGateway(StripeClient client, ILogger<StripeGateway> logger) : IPaymentGateway, IGatewayFinance
{
    public string Name => StripeNames.Gateway;

    public async Task<CheckoutCreation> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        var options = StripeCheckoutOptions.For(request);
        try
        {
            var session = await client.V1.Checkout.Sessions.CreateAsync(options, Key($"checkout-{request.ChargeId}"), cancellationToken);
            return new CheckoutCreation.Created(session.Id, new Uri(session.Url));
        }
        catch (Exception error) when (IsUnavailable(error, cancellationToken))
        {
            PaymentLog.CheckoutUnavailable(logger, error, request.ChargeId);
            return new CheckoutCreation.Unavailable(new DonorMessage("The payment provider is not answering. Please try again in a few minutes."));
        }
    }

    public async Task<PaymentLookup> GetPaymentAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        try
        {
            var options = new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction", "payment_method"] };
            var intent = await client.V1.PaymentIntents.GetAsync(paymentIntentId, options, null, cancellationToken);
            return StripePaymentReading.Lookup(intent);
        }
        catch (StripeException error) when (error.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return new PaymentLookup(paymentIntentId, PaymentState.Unknown, default, null, null, null, false, null, error.Message);
        }
    }

    public async Task<OffSessionChargeResult> ChargeSavedMethodAsync(OffSessionChargeRequest request, CancellationToken cancellationToken)
    {
        var options = new PaymentIntentCreateOptions
        {
            Amount = request.Amount.Minor,
            Currency = request.Amount.Currency.Code.ToLowerInvariant(),
            Customer = request.CustomerId,
            PaymentMethod = request.PaymentMethodId,
            Confirm = true,
            OffSession = true,
            Description = request.Description,
            Metadata = new Dictionary<string, string>(request.Metadata),
        };
        try
        {
            var intent = await client.V1.PaymentIntents.CreateAsync(options, Key(request.IdempotencyKey), cancellationToken);
            return intent.Status switch
            {
                "succeeded" => new OffSessionChargeResult.Succeeded(intent.Id, intent.LatestChargeId),
                "processing" => new OffSessionChargeResult.Processing(intent.Id),
                "requires_action" => new OffSessionChargeResult.AuthenticationRequired(intent.Id, "The bank asks the donor to confirm this payment."),
                _ => new OffSessionChargeResult.Declined(
                    intent.Id,
                    intent.LastPaymentError?.DeclineCode ?? intent.Status,
                    intent.LastPaymentError?.Message ?? intent.Status,
                    DeclineKind.Soft),
            };
        }
        catch (StripeException error) when (error.StripeError?.Type == "card_error" || error.HttpStatusCode == HttpStatusCode.PaymentRequired)
        {
            return StripePaymentReading.Decline(error);
        }
        catch (StripeException error) when (error.StripeError?.Code == "resource_missing")
        {
            // The saved customer or payment method is gone (detached, deleted): only a new method from the donor helps.
            return new OffSessionChargeResult.Declined(null, "resource_missing", error.StripeError.Message, DeclineKind.Hard);
        }
        catch (Exception error) when (IsUnavailable(error, cancellationToken))
        {
            PaymentLog.ChargeUnanswered(logger, error, request.ChargeId);
            return new OffSessionChargeResult.Transient(error.Message);
        }
    }

    public async Task<PaymentLookup?> FindOffSessionChargeAsync(OffSessionChargeRequest request, CancellationToken cancellationToken)
    {
        // Search by our metadata: the charge and its attempt. Stripe's search may lag by up to a minute, so the
        // charge run only asks about attempts older than that (ChargeRunOptions.UnansweredAfter).
        var options = new PaymentIntentSearchOptions
        {
            Query = $"metadata['{PaymentMetadata.ChargeId}']:'{request.ChargeId}' AND metadata['{PaymentMetadata.Attempt}']:'{request.Attempt}'",
            Limit = 10,
        };
        var found = await client.V1.PaymentIntents.SearchAsync(options, null, cancellationToken);
        var intent = found.Data.FirstOrDefault();
        return intent is null ? null : await GetPaymentAsync(intent.Id, cancellationToken);
    }

    public async Task<CheckoutCreation> CreateSetupCheckoutAsync(SetupCheckoutRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var session = await client.V1.Checkout.Sessions
                .CreateAsync(StripeSetupCheckout.For(request), Key(request.IdempotencyKey), cancellationToken);
            if (session.StripeResponse?.Headers?.TryGetValues("Idempotent-Replayed", out var replayed) == true && replayed.Contains("true"))
            {
                // A replay returns the session as it was created; it may have been completed or expired since.
                session = await client.V1.Checkout.Sessions.GetAsync(session.Id, null, null, cancellationToken);
            }

            return session.Status == "open" && session.Url is { } url
                ? new CheckoutCreation.Created(session.Id, new Uri(url))
                : new CheckoutCreation.Unavailable(new DonorMessage("This card update was already completed. Please reload the page in a minute."));
        }
        catch (Exception error) when (IsUnavailable(error, cancellationToken) || error is StripeException { StripeError.Type: "idempotency_error" })
        {
            // An idempotency error: the same key today with other parameters (the donor's sponsorships changed meanwhile).
            PaymentLog.SetupUnavailable(logger, error, request.DonorId);
            return new CheckoutCreation.Unavailable(new DonorMessage("The payment provider is not answering. Please try again in a few minutes."));
        }
    }

    public async Task<SetupLookup> GetSetupAsync(string setupIntentId, CancellationToken cancellationToken)
    {
        try
        {
            var options = new SetupIntentGetOptions { Expand = ["payment_method"] };
            return StripeSetupCheckout.Lookup(await client.V1.SetupIntents.GetAsync(setupIntentId, options, null, cancellationToken));
        }
        catch (StripeException error) when (error.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return new SetupLookup(setupIntentId, SetupState.Unknown, null, null);
        }
    }

    public async Task<CustomerDeletion> DeleteCustomerAsync(string customerId, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            await client.V1.Customers.DeleteAsync(customerId, null, Key(idempotencyKey), cancellationToken);
            return new CustomerDeletion.Deleted();
        }
        catch (StripeException error) when (error.HttpStatusCode == HttpStatusCode.NotFound)
        {
            // Deleted by an earlier run whose answer was lost, or in the dashboard: gone either way.
            return new CustomerDeletion.Deleted();
        }
        catch (Exception error) when (IsUnavailable(error, cancellationToken))
        {
            return new CustomerDeletion.Unavailable(error.Message);
        }
    }

    private static bool IsUnavailable(Exception error, CancellationToken cancellationToken) => StripeOutages.IsOutage(error, cancellationToken);

    private static RequestOptions Key(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };
}
