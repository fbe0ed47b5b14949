using Microsoft.Extensions.Logging;

namespace Portal.Core.Transparency;

internal static partial class TransparencyLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "The {Period} transparency report of fund {Fund} was not saved.")]
    public static partial void ReportNotSaved(ILogger logger, Exception error, string period, string fund);

    [LoggerMessage(EventId = 8010, Level = LogLevel.Warning,
        Message = "Tax statements for {FiscalYear} are not issued: the fiscal year has not ended")]
    public static partial void FiscalYearNotEnded(ILogger logger, int fiscalYear);

    [LoggerMessage(EventId = 8011, Level = LogLevel.Error, Message = "The {FiscalYear} tax statement of donor {DonorId} could not be issued")]
    public static partial void TaxStatementFailed(ILogger logger, Exception error, int fiscalYear, Guid donorId);
}
