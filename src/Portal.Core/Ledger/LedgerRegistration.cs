using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Ledger;

public static class LedgerRegistration
{
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddScoped<Journal>();
        services.AddSingleton<Totals.LedgerTotals>();
        services.AddScoped<FundFiguresReader>();
        services.AddScoped<FundStatements>();
        services.AddScoped<PeriodClose>();
        services.AddScoped<MonthlyFundFigures>();
        services.AddScoped<Fundraising.FundraisingFigures>();
        return services;
    }
}
