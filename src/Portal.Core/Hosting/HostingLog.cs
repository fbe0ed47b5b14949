using Microsoft.Extensions.Logging;

namespace Portal.Core.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Demo staff accounts exist; their passwords are in {File}")]
    public static partial void DemoAccounts(ILogger logger, string file);

    [LoggerMessage(EventId = 9010, Level = LogLevel.Information, Message = "Another sealer extended the audit chain first: {Reason}")]
    public static partial void AuditChainRaced(ILogger logger, string reason);
}
