using System.Globalization;
using Microsoft.Extensions.Options;
using Portal.Core.Hosting;
using Portal.Core.Payments.Events;
using Portal.Core.Payments.Peaks;
using Portal.Core.Payments.Stripe;

namespace Portal.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/stripe</c>: verify the signature on the raw body, store the event once by its id, answer 200
/// as soon as it is stored: no job per event. The event appliers claim and apply it (a nudge wakes those of this
/// process; those of other nodes poll). A forged, tampered, stale or unsigned delivery gets 400 and stores nothing.
/// </summary>
public static class StripeWebhookEndpoint
{
    private const int MaxBodyBytes = 512 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/webhooks/stripe", HandleAsync).DisableAntiforgery();

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        IServiceProvider services,
        EventInbox inbox,
        IBackgroundWork work,
        InboxDepth depth,
        IOptions<PeakOptions> peaks,
        ILoggerFactory loggers)
    {
        var webhooks = services.GetService<StripeWebhooks>();
        if (webhooks is null)
        {
            return Results.NotFound("Stripe is not the payment gateway of this portal.");
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Results.BadRequest("The body is too large for a Stripe event.");
        }

        // Back-pressure: past the configured depth of unapplied events, Stripe is asked to come back later (it retries
        // with backoff) instead of the inbox growing without end. Answered before the body is read: quick, and honest.
        if (await depth.IsFullAsync(context.RequestAborted))
        {
            Hosting.WebLog.WebhookDeferred(loggers.CreateLogger(typeof(StripeWebhookEndpoint)), peaks.Value.MaxUnappliedEvents);
            context.Response.Headers.RetryAfter = peaks.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(
                "Too many events are waiting to be applied; deliver this one again later.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Busy");
        }

        // The signature covers the exact bytes Stripe sent, so the body is read as it came, never re-serialised.
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var verification = webhooks.Verify(body, context.Request.Headers["Stripe-Signature"]);
        if (verification is WebhookVerification.Rejected rejected)
        {
            Hosting.WebLog.WebhookRejected(loggers.CreateLogger(typeof(StripeWebhookEndpoint)), rejected.Reason);
            return Results.BadRequest(rejected.Reason);
        }

        var verified = (WebhookVerification.Verified)verification;
        var (_, stored) = await inbox.RecordAsync(
            Portal.Core.Payments.StripeNames.Gateway,
            verified.EventId,
            verified.Type,
            body,
            verified.Created,
            verified.OrderKey,
            context.RequestAborted);
        if (stored)
        {
            work.ApplyGatewayEvents();
        }

        return Results.Ok();
    }
}
