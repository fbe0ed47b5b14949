using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Hosting;
using Portal.Core.Reconciliation.Bank;

namespace Portal.Core.Ledger;

public static class LedgerRegistration
{
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddScoped<Journal>();
        services.AddSingleton<Totals.LedgerTotals>();
        services.AddScoped<FundFiguresReader>();
        services.AddScoped<Spending.SpendingBook>();
        services.AddScoped<FundStatements>();
        services.AddScoped<PeriodClose>();
        services.AddValidatedOptions<BankCsvOptions>(BankCsvOptions.Section);
        services.AddValidatedOptions<BankMatchingOptions>(BankMatchingOptions.Section);
        services.AddScoped<BankStatementImport>();
        services.AddScoped<MatchPayoutsToBank>();
        services.AddScoped<BankLineActions>();
        services.AddScoped<MonthlyFundFigures>();
        return services;
    }
}
