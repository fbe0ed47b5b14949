using Microsoft.AspNetCore.Http;

namespace Portal.FakeStripe;

/// <summary>Writes one answer with Stripe's headers and logs it; byte-for-byte for replays.</summary>
internal sealed class ResponseWriter(HttpContext ctx, string requestId, string? idempotencyKey, RequestLog log, string method, string path)
{
    public FaultKind? Fault { get; set; }

    public bool Replayed { get; set; }

    /// <summary>Waits out the simulated latency; false if the client left meanwhile.</summary>
    public async Task<bool> DelayAsync(TimeSpan latency)
    {
        if (latency <= TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            await Task.Delay(latency, ctx.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task SendAsync(ApiResult result, TimeSpan latency)
    {
        if (!await DelayAsync(latency))
        {
            return;
        }

        await SendAsync(new StoredResponse(result.Status, System.Text.Encoding.UTF8.GetBytes(result.Body.ToJsonString()), requestId));
    }

    public async Task SendAsync(StoredResponse stored)
    {
        var r = ctx.Response;
        r.StatusCode = stored.Status;
        r.ContentType = "application/json";
        r.ContentLength = stored.Body.Length;
        r.Headers["Request-Id"] = stored.RequestId;
        r.Headers["Stripe-Version"] = Stripe.StripeConfiguration.ApiVersion;
        if (idempotencyKey is not null)
        {
            r.Headers["Idempotency-Key"] = idempotencyKey;
        }

        if (Replayed)
        {
            r.Headers["Idempotent-Replayed"] = "true";
        }

        Log(stored.Status);
        try
        {
            await r.Body.WriteAsync(stored.Body, ctx.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up (its timeout); nothing to do.
        }
    }

    /// <summary>Holds the response past the client's timeout, then drops the connection without answering.</summary>
    public async Task HoldThenAbortAsync(TimeSpan hold)
    {
        try
        {
            await Task.Delay(hold, ctx.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client timed out and closed the connection, which is the point.
        }

        ctx.Abort();
    }

    public void Abort() => ctx.Abort();

    public void Log(int status) => log.Add(new LoggedRequest(method, path, idempotencyKey, status, Replayed, Fault, requestId));
}
