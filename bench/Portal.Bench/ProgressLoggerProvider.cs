using Microsoft.Extensions.Logging;

namespace Portal.Bench;

/// <summary>The portal's warnings and errors, on the progress stream (stderr), so stdout keeps only the result.</summary>
internal sealed class ProgressLoggerProvider(TextWriter progress) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ProgressLogger(progress, categoryName);

    public void Dispose()
    {
    }

    private sealed class ProgressLogger(TextWriter progress, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (progress)
                {
                    progress.WriteLine(
                        $"{logLevel} {category}: {formatter(state, exception)}"
                            + (exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message));
                }
            }
        }
    }
}
