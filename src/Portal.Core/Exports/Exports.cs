using Microsoft.Extensions.DependencyInjection;

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
        return services;
    }
}
