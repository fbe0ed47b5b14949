using System.Net;
using Stripe;

namespace Portal.Core.Payments.Stripe;

/// <summary>When Stripe is not answering: the one rule the adapter retries on and the web's error handler names.</summary>
public static class StripeOutages
{
    /// <summary>Rate-limited, a server error, a conflict on the key, or no answer at all: the call may be repeated.</summary>
    public static bool IsOutage(Exception error, CancellationToken cancellationToken) => error switch
    {
        StripeException stripe => stripe.HttpStatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict
                or >= HttpStatusCode.InternalServerError
            || stripe.StripeError?.Type == "api_error" || stripe.StripeError?.Code == "rate_limit",
        HttpRequestException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>An outage that escaped the adapter: a Stripe error, or a network failure thrown while talking to Stripe.</summary>
    public static bool Escaped(Exception error, CancellationToken requestAborted) =>
        IsOutage(error, requestAborted)
        && (error is StripeException || error.StackTrace?.Contains("Stripe", StringComparison.Ordinal) == true);
}
