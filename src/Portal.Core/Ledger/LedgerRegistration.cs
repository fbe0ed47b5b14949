using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Ledger;

public static class LedgerRegistration
{
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddScoped<Journal>();
        services.AddScoped<FundBalances>();
        services.AddScoped<Spending.SpendingBook>();
        services.AddScoped<FundStatements>();
        services.AddScoped<MonthlyFundFigures>();
        return services;
    }
}
