using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

/// <summary>One API call as an endpoint sees it: its parameters (form body or query) and who made it.</summary>
internal sealed record ApiRequest(string Method, string Path, JsonObject Params, string RequestId, string? IdempotencyKey)
{
    public RequestInfo Info => new(RequestId, IdempotencyKey);

    public IReadOnlyList<string> Expand => Params.Expand();
}
