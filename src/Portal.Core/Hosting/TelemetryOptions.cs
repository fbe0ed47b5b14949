using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Hosting;

/// <summary>Section <c>OpenTelemetry</c>: where traces and metrics are exported to. Nothing is exported unless an endpoint is set.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "OpenTelemetry";
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>The collector's OTLP address (http://collector:4317 for gRPC, http://collector:4318 for HTTP).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = Grpc;

    /// <summary>How often metrics (and batches of spans) are sent; empty keeps OpenTelemetry's defaults (60 s and 5 s).</summary>
    [Range(100, 3_600_000)]
    public int? ExportIntervalMilliseconds { get; set; }

    /// <summary>The <c>service.instance.id</c> of this process; by default the machine's name and the process id.</summary>
    public string? ServiceInstanceId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Protocol is not (Grpc or HttpProtobuf))
        {
            yield return new ValidationResult($"OpenTelemetry:Protocol must be {Grpc} or {HttpProtobuf}.", [nameof(Protocol)]);
        }

        if (OtlpEndpoint is not null && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"OpenTelemetry:OtlpEndpoint '{OtlpEndpoint}' is not an absolute address.", [nameof(OtlpEndpoint)]);
        }
    }
}
