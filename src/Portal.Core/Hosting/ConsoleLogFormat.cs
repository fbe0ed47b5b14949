using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Portal.Core.Hosting;

/// <summary>
/// The console log's format on both hosts: <c>Logging:Console:FormatterName</c> (<c>json</c> or <c>simple</c>) when
/// set, else JSON outside Development (one object per line, for a log shipper) and the readable simple format in
/// Development. JSON lines carry their scopes (the correlation id, the job, the charge...) and a UTC ISO 8601 time.
/// </summary>
public static class ConsoleLogFormat
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH':'mm':'ss.fff'Z'";

    public static ILoggingBuilder AddPortalConsoleFormat(this ILoggingBuilder logging, IHostEnvironment environment)
    {
        // Runs after the host bound Logging:Console, so a configured name stands.
        logging.Services.Configure<ConsoleLoggerOptions>(options =>
            options.FormatterName ??= environment.IsDevelopment() ? ConsoleFormatterNames.Simple : ConsoleFormatterNames.Json);
        logging.Services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = TimestampFormat;
        });
        return logging;
    }
}
