using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Portal.Core.Shared;

namespace Portal.Core.Hosting;

/// <summary>
/// The correlation id that ties together every log line of one request or one job, and a job to the request that
/// enqueued it. A request takes a caller's <see cref="Header"/> when it is short and safe, otherwise its W3C trace
/// id; a job carries its enqueuer's id, or gets its own. <see cref="Current"/> flows with the async work, so whoever
/// enqueues a job inside a request or a job passes the id on without being told.
/// </summary>
public static class Correlation
{
    public const string Header = "X-Correlation-Id";

    /// <summary>The name of the id in log scopes (and in the JSON console's <c>Scopes</c>).</summary>
    public const string ScopeKey = "CorrelationId";

    public const int MaxLength = 64;

    private static readonly AsyncLocal<string?> Ambient = new();

    /// <summary>The id of the request or job this code runs for, or null outside both.</summary>
    public static string? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>At most <see cref="MaxLength"/> characters of letters, digits, dot, underscore and hyphen: safe in a log and a header.</summary>
    public static bool IsAcceptable(string? value) =>
        value is { Length: > 0 and <= MaxLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>The caller's id when acceptable, else the current activity's W3C trace id (or a new random one).</summary>
    public static string Choose(string? offered) => IsAcceptable(offered) ? offered! : FromTrace(Activity.Current);

    public static string FromTrace(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? activity.TraceId.ToHexString() : ActivityTraceId.CreateRandom().ToHexString();

    /// <summary>A scope carrying the id on every event logged inside it.</summary>
    public static IDisposable? BeginScope(ILogger logger, string id) => logger.BeginIdScope(ScopeKey, id);
}
