using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MicrosoftLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Portal.Jobs;

/// <summary>
/// Hangfire's logging goes through one process-wide provider. This one writes to the host's ILoggerFactory and, when
/// that host has been disposed while another host in the process goes on (a worker beside a web host, tests), drops
/// the message instead of failing the job that wanted to log.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggers) : ILogProvider
{
    public ILog GetLogger(string name) => new HostLog(loggers, name);

    private sealed class HostLog(ILoggerFactory loggers, string name) : ILog
    {
        private ILogger? logger;

        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                logger ??= loggers.CreateLogger(name);
                var level = Map(logLevel);
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }

                JobsLog.Hangfire(logger, level, exception, messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static MicrosoftLevel Map(HangfireLevel level) => level switch
        {
            HangfireLevel.Trace => MicrosoftLevel.Trace,
            HangfireLevel.Debug => MicrosoftLevel.Debug,
            HangfireLevel.Info => MicrosoftLevel.Information,
            HangfireLevel.Warn => MicrosoftLevel.Warning,
            HangfireLevel.Error => MicrosoftLevel.Error,
            _ => MicrosoftLevel.Critical,
        };
    }
}
