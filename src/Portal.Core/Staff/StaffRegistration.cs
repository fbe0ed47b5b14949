using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Staff;

public static class StaffRegistration
{
    /// <summary>Staff accounts and roles in the portal's database; the web host adds sign-in and cookies on top.</summary>
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddIdentityCore<IdentityUser>(Configure).AddRoles<IdentityRole>().AddEntityFrameworkStores<PortalDbContext>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<StaffFactors>();
        services.AddScoped<StaffInvitations>();
        services.AddScoped<StaffAdministration>();
        services.AddValidatedOptions<StaffOptions>(StaffOptions.Section);
        return services;
    }

    /// <summary>The rules for staff passwords and lock-out, shared by every host.</summary>
    public static void Configure(IdentityOptions options)
    {
        options.Password.RequiredLength = 12;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.User.RequireUniqueEmail = true;
    }
}
