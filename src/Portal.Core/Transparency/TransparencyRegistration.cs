using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications;
using Portal.Core.Hosting;
using Portal.Core.Transparency.TaxStatements;

namespace Portal.Core.Transparency;

public static class TransparencyRegistration
{
    public static IServiceCollection AddTransparency(this IServiceCollection services)
    {
        services.AddScoped<BuildTransparencyReports>();
        services.AddScoped<EditTransparencyReport>();
        services.AddScoped<PublishTransparencyReport>();
        services.AddSingleton<ReportSummary>();
        services.AddValidatedOptions<TaxStatementOptions>(TaxStatementOptions.Section);
        services.AddSingleton<FiscalYears>();
        services.AddScoped<DeductibleGifts>();
        services.AddScoped<TaxStatementDocuments>();
        services.AddScoped<IssueTaxStatement>();
        services.AddScoped<IDeferredEmailRenderer, DeferredTaxStatement>();
        services.AddSingleton<IssueTaxStatements>();
        return services;
    }
}
