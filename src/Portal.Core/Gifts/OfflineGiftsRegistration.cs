using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Gifts;

public static class OfflineGiftsRegistration
{
    /// <summary>Offline gifts: typed in, booked from bank statement credits, or imported as a CSV batch (decision 033).</summary>
    public static IServiceCollection AddOfflineGifts(this IServiceCollection services)
    {
        services.AddScoped<OfflineGiftPosting>();
        services.AddScoped<OfflineGiftBook>();
        services.AddScoped<CreditMatcher>();
        services.AddScoped<BankCreditGifts>();
        services.AddScoped<GiftReferences>();
        services.AddScoped<OfflineGiftImport>();
        return services;
    }
}
