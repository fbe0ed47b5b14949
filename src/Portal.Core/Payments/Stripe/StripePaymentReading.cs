using Portal.Core.Shared;
using Stripe;

namespace Portal.Core.Payments.Stripe;

/// <summary>Turns Stripe's objects and errors into the gateway boundary's values.</summary>
internal static class StripePaymentReading
{
    public static PaymentLookup Lookup(PaymentIntent intent)
    {
        var currency = Currency.Of(intent.Currency);
        var state = intent.Status switch
        {
            "succeeded" => PaymentState.Succeeded,
            "processing" => PaymentState.Processing,
            "canceled" => PaymentState.Failed,
            _ => PaymentState.Open,
        };
        var (fee, estimate) = Fee(intent.LatestCharge?.BalanceTransaction, currency);
        var error = intent.LastPaymentError;
        return new PaymentLookup(
            intent.Id,
            state,
            new Money(intent.Amount, currency),
            intent.CustomerId,
            intent.PaymentMethodId,
            fee,
            estimate,
            error?.DeclineCode ?? error?.Code,
            error?.Message)
        {
            Method = StripeSetupCheckout.Method(intent.PaymentMethod),
            GatewayChargeId = intent.LatestChargeId,
        };
    }

    /// <summary>
    /// The fee in the payment's currency. When Stripe settled in another currency the fee is converted back at the
    /// balance transaction's rate, rounded half away from zero, and flagged as an estimate for reconciliation.
    /// </summary>
    private static (Money? Fee, bool Estimate) Fee(BalanceTransaction? transaction, Currency paymentCurrency)
    {
        if (transaction is null)
        {
            return (null, false);
        }

        if (string.Equals(transaction.Currency, paymentCurrency.Code, StringComparison.OrdinalIgnoreCase))
        {
            return (new Money(transaction.Fee, paymentCurrency), false);
        }

        if (transaction.ExchangeRate is not { } rate || rate <= 0)
        {
            return (null, false);
        }

        var settlement = Currency.Of(transaction.Currency);
        var feeMajor = (decimal)transaction.Fee / settlement.MinorPerMajor / rate;
        var feeMinor = (long)decimal.Round(feeMajor * paymentCurrency.MinorPerMajor, 0, MidpointRounding.AwayFromZero);
        return (new Money(feeMinor, paymentCurrency), true);
    }

    public static OffSessionChargeResult Decline(StripeException error)
    {
        var stripeError = error.StripeError;
        var intentId = stripeError?.PaymentIntent?.Id;
        var code = stripeError?.DeclineCode ?? stripeError?.Code ?? "card_declined";
        var message = stripeError?.Message ?? error.Message;
        if (stripeError?.Code == DeclineCodes.AuthenticationRequired || stripeError?.DeclineCode == DeclineCodes.AuthenticationRequired)
        {
            return new OffSessionChargeResult.AuthenticationRequired(intentId, message);
        }

        return new OffSessionChargeResult.Declined(intentId, code, message, DeclineCodes.Classify(stripeError?.DeclineCode ?? stripeError?.Code));
    }
}
