using System.Text;
using Microsoft.AspNetCore.Http;

namespace Portal.FakeStripe;

/// <summary>
/// Everything around an endpoint, in Stripe's order: authentication, routing, injected faults that strike
/// before execution, idempotency (replay, mismatch, in-flight), latency, execution, storing the result,
/// and faults that strike after it. Nothing holds a lock across an await.
/// </summary>
internal sealed class RequestPipeline(FakeStripeStore store, Api api, IdempotencyStore idempotency, FaultInjector faults, RequestLog log)
{
    /// <summary>Added to every request with Task.Delay (inside the idempotency window for POSTs, like Stripe's own processing time).</summary>
    public TimeSpan Latency { get; set; }

    public async Task HandleAsync(HttpContext ctx)
    {
        var method = ctx.Request.Method;
        var path = ctx.Request.Path.Value ?? "/";
        var requestId = store.Ids.Next("req");
        var key = method == "POST" && ctx.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k : null;
        var response = new ResponseWriter(ctx, requestId, key, log, method, path);

        if (!ApiKeyCheck.Accepts(ctx.Request, store.Options.ApiKey, out var presented))
        {
            await response.SendAsync(StripeErrors.Unauthorized(presented), Latency);
            return;
        }

        var endpoint = api.Match(method, path);
        if (endpoint is null)
        {
            await response.SendAsync(StripeErrors.UnrecognizedUrl(method, path + ctx.Request.QueryString), Latency);
            return;
        }

        var body = method == "POST" ? await new StreamReader(ctx.Request.Body, Encoding.UTF8).ReadToEndAsync(ctx.RequestAborted) : null;
        var fault = faults.Next(new FaultContext(method, path, key));
        response.Fault = fault;
        if (fault is FaultKind.RateLimit or FaultKind.ServerErrorBeforeExecution)
        {
            await response.SendAsync(fault == FaultKind.RateLimit ? StripeErrors.RateLimit() : StripeErrors.ApiError(503), Latency);
            return;
        }

        IdempotencyStore.Entry? claimed = null;
        if (key is not null)
        {
            var decision = idempotency.Begin(key, $"{method} {path}\n{body}", out var entry);
            switch (decision)
            {
                case IdempotencyDecision.Replay:
                    response.Replayed = true;
                    await response.DelayAsync(Latency);
                    await FinishAsync(response, fault, entry.Response!);
                    return;
                case IdempotencyDecision.Mismatch:
                    await response.SendAsync(StripeErrors.IdempotencyMismatch(key), Latency);
                    return;
                case IdempotencyDecision.InFlight:
                    await response.SendAsync(StripeErrors.IdempotencyInFlight(key), Latency);
                    return;
                default:
                    claimed = entry;
                    break;
            }
        }

        if (!await response.DelayAsync(Latency))
        {
            // The client left before execution started: nothing happened, so the key is free again.
            Release(key, claimed);
            return;
        }

        StoredResponse result;
        try
        {
            var parameters = FormParser.Parse(body ?? ctx.Request.QueryString.Value);
            result = Execute(endpoint, new ApiRequest(method, path, parameters, requestId, key), requestId);
        }
#pragma warning disable CA1031 // A bug in the fake must reach the test as a readable api_error, not a dropped connection.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Release(key, claimed);
            await response.SendAsync(new ApiResult(500, new System.Text.Json.Nodes.JsonObject
            {
                ["error"] = StripeErrors.ErrorObject("api_error", $"Fake Stripe failed: {e}", null, null),
            }), TimeSpan.Zero);
            return;
        }

        if (claimed is not null)
        {
            IdempotencyStore.Complete(claimed, result);
        }

        await FinishAsync(response, fault, result);
    }

    private static StoredResponse Execute(Func<ApiRequest, ApiResult> endpoint, ApiRequest request, string requestId)
    {
        ApiResult result;
        try
        {
            result = endpoint(request);
        }
        catch (ApiErrorException e)
        {
            result = e.Result;
        }

        return new StoredResponse(result.Status, Encoding.UTF8.GetBytes(result.Body.ToJsonString()), requestId);
    }

    /// <summary>Sends the stored result, or instead what an after-execution fault dictates.</summary>
    private async Task FinishAsync(ResponseWriter response, FaultKind? fault, StoredResponse result)
    {
        switch (fault)
        {
            case FaultKind.ServerErrorAfterExecution:
                await response.SendAsync(StripeErrors.ApiError(500), TimeSpan.Zero);
                break;
            case FaultKind.TimeoutAfterExecution:
                response.Log(0);
                await response.HoldThenAbortAsync(faults.TimeoutHold);
                break;
            case FaultKind.ConnectionResetAfterExecution:
                response.Log(0);
                response.Abort();
                break;
            default:
                await response.SendAsync(result);
                break;
        }
    }

    private void Release(string? key, IdempotencyStore.Entry? claimed)
    {
        if (key is not null && claimed is not null)
        {
            idempotency.Abandon(key, claimed);
        }
    }
}
