using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portal.Testing;

/// <summary>One captured log event: its id, level, rendered message, structured state, and the scopes open around it.</summary>
public sealed record LoggedEvent(
    string Category,
    EventId EventId,
    LogLevel Level,
    string Message,
    IReadOnlyList<KeyValuePair<string, object?>> State,
    IReadOnlyList<object?> Scopes)
{
    /// <summary>A value named in the event's own state, such as <c>Amount</c>.</summary>
    public object? Value(string name) => State.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>A value named in any scope open around the event, such as <c>RefundId</c>.</summary>
    /// <summary>The exception logged with the event, if any.</summary>
    public Exception? Error { get; init; }

    public object? ScopeValue(string name) =>
        Scopes.OfType<IEnumerable<KeyValuePair<string, object>>>().SelectMany(s => s).FirstOrDefault(p => p.Key == name).Value;
}

/// <summary>A logger provider that keeps every event, at every level, for tests to look at.</summary>
public sealed class TestLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LoggedEvent> events = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<LoggedEvent> Events => [.. events];

    public IEnumerable<LoggedEvent> WithId(int eventId) => Events.Where(e => e.EventId.Id == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(TestLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => logs.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var open = new List<object?>();
            logs.scopes.ForEachScope((scope, list) => list.Add(scope), open);
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            logs.events.Enqueue(new LoggedEvent(category, eventId, logLevel, formatter(state, exception), values, open) { Error = exception });
        }
    }
}
