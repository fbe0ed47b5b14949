using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Hosting;

namespace Portal.Core.Reconciliation.Bank;

public static class BankReconciliationRegistration
{
    /// <summary>Bank statements: import, matching payouts to bank lines, and staff's actions on the lines left.</summary>
    public static IServiceCollection AddBankReconciliation(this IServiceCollection services)
    {
        services.AddValidatedOptions<BankCsvOptions>(BankCsvOptions.Section);
        services.AddValidatedOptions<BankMatchingOptions>(BankMatchingOptions.Section);
        services.AddScoped<BankStatementImport>();
        services.AddScoped<MatchPayoutsToBank>();
        services.AddScoped<BankLineActions>();
        return services;
    }
}
