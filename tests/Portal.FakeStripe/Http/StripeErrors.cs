using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

/// <summary>Stripe's error bodies, with the messages and codes its API uses, so client error handling is exercised.</summary>
internal static class StripeErrors
{
    private const string Docs = "https://stripe.com/docs/error-codes/";

    public static ApiErrorException Invalid(string message, string? param = null, string? code = null) =>
        new(Error(400, "invalid_request_error", message, code, param));

    public static ApiErrorException Missing(string param) =>
        Invalid($"Missing required param: {param}.", param, "parameter_missing");

    public static ApiErrorException NoSuch(string objectName, string id, string param = "id", int status = 404) =>
        new(Error(status, "invalid_request_error", $"No such {objectName}: '{id}'", "resource_missing", param));

    public static ApiResult UnrecognizedUrl(string method, string pathAndQuery) => Error(404, "invalid_request_error",
        $"Unrecognized request URL ({method}: {pathAndQuery}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.");

    public static ApiResult Unauthorized(string? presentedKey) => Error(401, "invalid_request_error", presentedKey is null
        ? "You did not provide an API key. You need to provide your API key in the Authorization header, "
            + "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
        : $"Invalid API Key provided: {Mask(presentedKey)}");

    public static ApiResult RateLimit() => Error(429, "invalid_request_error",
        "Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits.", "rate_limit");

    public static ApiResult ApiError(int status) => Error(status, "api_error",
        "An unknown error occurred. Please try again; if the problem persists contact support.");

    public static ApiResult IdempotencyMismatch(string key) => Error(400, "idempotency_error",
        "Keys for idempotent requests can only be used with the same parameters they were first used with. "
            + $"Try using a key other than '{key}' if you meant to execute a different request.");

    public static ApiResult IdempotencyInFlight(string key) => Error(409, "idempotency_error",
        "There is currently another in-progress request using this idempotent key "
            + $"(that probably means you submitted twice, and the other request is still going through): {key}. Please try again later.");

    /// <summary>A 402 card error: the body carries the PaymentIntent as it now is, like Stripe's.</summary>
    public static ApiResult CardError(Decline decline, JsonObject paymentIntent, string? chargeId, JsonObject? paymentMethod)
    {
        var error = ErrorObject("card_error", decline.Message, decline.Code, null);
        error["decline_code"] = decline.DeclineCode;
        error["charge"] = chargeId;
        error["payment_intent"] = paymentIntent;
        error["payment_method"] = paymentMethod;
        return new ApiResult(402, new JsonObject { ["error"] = error });
    }

    public static JsonObject ErrorObject(string type, string message, string? code, string? param)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (code is not null)
        {
            error["code"] = code;
            error["doc_url"] = Docs + code.Replace('_', '-');
        }

        if (param is not null)
        {
            error["param"] = param;
        }

        return error;
    }

    private static ApiResult Error(int status, string type, string message, string? code = null, string? param = null) =>
        new(status, new JsonObject { ["error"] = ErrorObject(type, message, code, param) });

    private static string Mask(string key) => key.Length <= 8 ? "***" : string.Concat(key.AsSpan(0, 8), "***", key.AsSpan(key.Length - 4));
}
