using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Communications;
using Portal.Core.Data;
using Portal.Core.Disputes;
using Portal.Core.Donors;
using Portal.Core.Exports;
using Portal.Core.Funds;
using Portal.Core.Gifts;
using Portal.Core.Ledger;
using Portal.Core.Payments;
using Portal.Core.Privacy;
using Portal.Core.Reconciliation;
using Portal.Core.Reconciliation.Bank;
using Portal.Core.Refunds;
using Portal.Core.Spending;
using Portal.Core.Sponsorships;
using Portal.Core.Staff;
using Portal.Core.Transparency;

namespace Portal.Core.Hosting;

public static class PortalCoreRegistration
{
    /// <summary>Everything the web process and the worker share: data, payments, ledger, mail, donors, funds.</summary>
    /// <param name="contentRoot">The folder a relative <c>Portal:DataFolder</c> is taken from.</param>
    public static IServiceCollection AddPortalCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var dataFolder = DataFolder(configuration, contentRoot);
        services.AddValidatedOptions<PortalOptions>(PortalOptions.Section);
        services.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        services.AddSingleton<EnvironmentChecks>();
        services.AddSingleton<IValidateOptions<PaymentsOptions>>(provider => provider.GetRequiredService<EnvironmentChecks>());
        services.AddSingleton<IValidateOptions<PortalOptions>>(provider => provider.GetRequiredService<EnvironmentChecks>());
        services.AddSingleton(new PortalDataFolder(dataFolder));
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<PortalTelemetry>();
        services.AddPortalHealthChecks();
        services.AddSingleton<CharityCalendar>();
        services.AddSingleton<PublicUrls>();
        services.AddScoped<AuditLog>();
        services.AddSingleton<AuditChain>();
        // One key ring for every host (web and worker), so a link signed by a job opens on the web.
        services.AddSharedKeyRing(configuration);
        services.AddSingleton<Limits.SharedLimits>();
        services.AddStaff();

        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddPortalData(database, Path.Combine(dataFolder, "portal.db"));
        services.AddPayments(configuration);
        services.AddSponsorships();
        services.AddLedger();
        services.AddRefunds();
        services.AddDisputes();
        services.AddReconciliation();
        services.AddBankReconciliation();
        services.AddSpending();
        services.AddOfflineGifts();
        services.AddExports();
        services.AddPrivacy();
        services.AddCommunications(configuration, dataFolder);
        services.AddTransparency();
        services.AddDonors();
        services.AddFunds();
        return services;
    }

    public static string DataFolder(IConfiguration configuration, string contentRoot) =>
        Path.GetFullPath(configuration[$"{PortalOptions.Section}:{nameof(PortalOptions.DataFolder)}"] ?? "data", contentRoot);
}

/// <summary>The absolute path of the data folder (database file, Hangfire storage, mailbox).</summary>
public sealed record PortalDataFolder(string Path);
