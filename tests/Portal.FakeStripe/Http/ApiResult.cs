using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

/// <summary>What an endpoint answers: an HTTP status and a Stripe-shaped JSON body.</summary>
internal sealed record ApiResult(int Status, JsonNode Body)
{
    public static ApiResult Ok(JsonNode body) => new(200, body);
}

/// <summary>
/// Thrown inside an endpoint to answer with a Stripe error (validation, missing resource). The pipeline
/// turns it into an ordinary result, so it is stored under the idempotency key like any other outcome.
/// Only error paths throw; the charge path (including card declines) returns results.
/// </summary>
#pragma warning disable CA1032 // Internal control-flow exception: the standard constructors would never be used.
internal sealed class ApiErrorException(ApiResult result) : Exception(result.Body.ToJsonString())
#pragma warning restore CA1032
{
    public ApiResult Result { get; } = result;
}
