using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Portal.Core.Hosting;

/// <summary>
/// OpenTelemetry for a host: ASP.NET Core, HttpClient and runtime instrumentation and the portal's own meter and
/// source, under the host's service name. Exported by OTLP only when <c>OpenTelemetry:OtlpEndpoint</c> or the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; the standard variables then apply as OpenTelemetry defines them.
/// </summary>
public static class TelemetryRegistration
{
    public const string WebService = "portal-web";
    public const string WorkerService = "portal-worker";

    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        services.AddValidatedOptions<TelemetryOptions>(TelemetryOptions.Section);
        var settings = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var export = settings.OtlpEndpoint is not null || !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var instance = settings.ServiceInstanceId ?? $"{Environment.MachineName}-{Environment.ProcessId}";
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: instance))
            .WithTracing(tracing =>
            {
                tracing.AddSource(PortalTelemetry.Name)
                    // Probes every few seconds from every balancer would drown the traces that matter.
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation();
                if (export)
                {
                    tracing.AddOtlpExporter(exporter => Configure(exporter, settings, "v1/traces"));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PortalTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                if (export)
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        Configure(exporter, settings, "v1/metrics");
                        if (settings.ExportIntervalMilliseconds is { } interval)
                        {
                            reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
                        }
                    });
                }
            });
        return services;
    }

    /// <summary>
    /// The portal's own endpoint and protocol, when set. Over HTTP each signal has its own path, which OpenTelemetry adds
    /// to an endpoint from the environment but not to one set in code.
    /// </summary>
    private static void Configure(OtlpExporterOptions exporter, TelemetryOptions settings, string signalPath)
    {
        if (settings.ExportIntervalMilliseconds is { } interval)
        {
            exporter.BatchExportProcessorOptions.ScheduledDelayMilliseconds = interval;
        }

        if (settings.OtlpEndpoint is not { } endpoint)
        {
            return;
        }

        var http = settings.Protocol == TelemetryOptions.HttpProtobuf;
        exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        exporter.Endpoint = http ? new Uri(new Uri(endpoint.TrimEnd('/') + "/"), signalPath) : new Uri(endpoint);
    }
}
