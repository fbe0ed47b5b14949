using Microsoft.Extensions.Logging;

namespace Portal.Core.Shared;

/// <summary>
/// Log events are <c>[LoggerMessage]</c> methods in one partial class per area, each area in its own EventId range:
/// <list type="bullet">
/// <item>1000s payments: gateway calls and answers, gateway events applied, ignored, duplicate (<c>PaymentLog</c>)</item>
/// <item>2000s ledger: postings, refusals, totals (<c>LedgerLog</c>, <c>LedgerTotals</c>)</item>
/// <item>3000s refunds: requested, sent, succeeded, failed, reversed (<c>RefundLog</c>)</item>
/// <item>4000s disputes: opened, changed, funds withdrawn and reinstated (<c>DisputeLog</c>)</item>
/// <item>5000s reconciliation: payouts imported and posted, lines matched, exceptions raised (<c>ReconciliationLog</c>)</item>
/// <item>6000s charge runs and sponsorships: claims, skips, gateway answers recorded (<c>ChargeRunLog</c>)</item>
/// <item>7000s communications: e-mail sends, bounces, updates, audiences (<c>CommunicationsLog</c>)</item>
/// <item>8000s transparency and tax statements (<c>TransparencyLog</c>)</item>
/// <item>9000s hosting, audit chain, web and jobs (<c>HostingLog</c>, <c>WebLog</c>, <c>JobsLog</c>)</item>
/// </list>
/// Information is for decisions that matter (a charge succeeded, a refund posted); routine skips are Debug; uncertain
/// or failed outcomes are Warning. Each operation opens a scope with its id (<see cref="BeginIdScope"/>).
/// </summary>
public static class LogEvents
{
    /// <summary>A scope carrying one id, such as <c>{ ["RefundId"] = id }</c>, on every event logged inside it.</summary>
    public static IDisposable? BeginIdScope(this ILogger logger, string name, object id) => logger.BeginScope(new LogScope([new(name, id)]));
}

/// <summary>
/// Named values for a log scope. A list of pairs, as the console's JSON and other providers expect, that reads as
/// <c>Name:value</c> (the JSON console writes a scope's text as its <c>Message</c>; a dictionary would say only its type).
/// </summary>
public sealed class LogScope(IReadOnlyList<KeyValuePair<string, object>> values) : IReadOnlyList<KeyValuePair<string, object>>
{
    public int Count => values.Count;

    public KeyValuePair<string, object> this[int index] => values[index];

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => values.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(", ", values.Select(value => $"{value.Key}:{value.Value}"));
}
