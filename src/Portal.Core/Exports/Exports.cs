using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Exports.Tables;

namespace Portal.Core.Exports;

public enum ExportKind
{
    Journal,
    Charges,
    Payouts,
    Statements,
}

/// <summary>Every export Finance can download, by kind; the page and the benchmark ask here.</summary>
public sealed class Exports(JournalExport journal, ChargesExport charges, PayoutsExport payouts, StatementsExport statements)
{
    public ExportTable Table(ExportKind kind, ExportFilter filter) => kind switch
    {
        ExportKind.Journal => journal.Table(filter),
        ExportKind.Charges => charges.Table(filter),
        ExportKind.Payouts => payouts.Table(filter),
        ExportKind.Statements => statements.Table(filter),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

public static class ExportsRegistration
{
    public static IServiceCollection AddExports(this IServiceCollection services)
    {
        services.AddScoped<JournalExport>();
        services.AddScoped<ChargesExport>();
        services.AddScoped<PayoutsExport>();
        services.AddScoped<StatementsExport>();
        services.AddScoped<Exports>();

        // The tables behind the pages' CSV links: each page's CSV is one of these, so it has one layout.
        services.AddScoped<BankLinesExport>();
        services.AddScoped<ChargeRunsExport>();
        services.AddScoped<DisputesExport>();
        services.AddScoped<DonorGiftsExport>();
        services.AddScoped<PastDueExport>();
        services.AddScoped<PayoutLinesExport>();
        services.AddScoped<RefundsExport>();
        services.AddScoped<SpendingExport>();
        services.AddScoped<TransparencyReportsExport>();
        services.AddScoped<UpdateDeliveriesExport>();
        services.AddScoped<UpdatesExport>();
        return services;
    }
}
