using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Sponsorships;
using Portal.Core.Staff;
using Portal.Web.Resources;

namespace Portal.Web.Hosting;

public static class WebRegistration
{
    public static IServiceCollection AddPortalWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Adds sign-in and the staff cookie to the stores that Portal.Core registers (AddStaff).
        services.AddIdentity<IdentityUser, IdentityRole>(StaffRegistration.Configure)
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = SignedInNoStore.StaffCookie;
            options.LoginPath = "/staff/login";
            options.LogoutPath = "/staff/logout";
            options.AccessDeniedPath = "/status/403";
        });
        services.AddStaffSessions();
        services.AddScoped<IAuthorizationHandler, SecondFactorHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, StaffAuthorizationResultHandler>();
        services.AddAuthentication().AddCookie(PortalPolicies.DonorScheme, options =>
        {
            options.Cookie.Name = SignedInNoStore.DonorCookie;
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/status/403";
            options.ExpireTimeSpan = TimeSpan.FromDays(7);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = DonorCookie.ValidateAsync;
        });
        services.AddHttpsOnly(configuration, environment);
        services.AddAuthorization(options => PortalPolicies.Add(options, environment.IsDevelopment()));

        services.AddProblemDetails();
        services.AddHttpClient<SponsorChallenge>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddExceptionHandler<PortalExceptionHandler>();

        // One casing for every address the portal writes: /finance/refunds, never /Finance/Refunds.
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        services.AddLocalization();
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeAreaFolder("Admin", "/", PortalPolicies.Admin);
            options.Conventions.AuthorizeAreaFolder("Finance", "/", PortalPolicies.Finance);
            options.Conventions.AuthorizeAreaFolder("Communications", "/", PortalPolicies.Communications);
            options.Conventions.AuthorizeAreaFolder("Donors", "/", PortalPolicies.DonorCare);
            options.Conventions.AuthorizeFolder("/Fundraising", PortalPolicies.Fundraising);
            options.Conventions.AuthorizeFolder("/Account", PortalPolicies.Donor);
            options.Conventions.AllowAnonymousToPage("/Account/SignIn");
            options.Conventions.AllowAnonymousToPage("/Account/SignInConfirm");
            options.Conventions.AuthorizeFolder("/Mailbox", PortalPolicies.Mailbox);
            options.Conventions.AuthorizePage("/Staff/Password", PortalPolicies.AnyStaff);
            options.Conventions.AuthorizeFolder("/Staff/Security", PortalPolicies.StaffAccount);
            options.Conventions.AddFolderApplicationModelConvention("/Sandbox", model => model.Filters.Add(new SandboxOnlyFilter()));
        }).AddMvcOptions(options =>
        {
            options.Filters.Add(new BlankRouteValues());
            options.Filters.Add(new PlausibleDates.RefuseOnGet());
            options.ModelBinderProviders.Insert(0, new PlausibleDates());
        }).AddViewLocalization()
            .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (type, factory) => factory.Create(TextsFor(type)));
        services.AddSingleton<IConfigureOptions<MvcOptions>, BindingMessages>();
        services.AddPublicPageCache(configuration);
        return services;
    }

    /// <summary>
    /// The resource of a model's data-annotation messages: the Finance area's own; the staff pages' (Communications, Admin,
    /// staff sign-in) StaffText; else the donor pages'.
    /// </summary>
    private static Type TextsFor(Type model) => (model.Namespace ?? "") switch
    {
        var space when space.StartsWith("Portal.Web.Areas.Finance", StringComparison.Ordinal) => typeof(FinanceText),
        var space when StaffNamespaces.Any(staff => space.StartsWith(staff, StringComparison.Ordinal)) => typeof(StaffText),
        _ => typeof(DonorText),
    };

    private static readonly string[] StaffNamespaces =
        ["Portal.Web.Areas.Communications", "Portal.Web.Areas.Admin", "Portal.Web.Areas.Donors", "Portal.Web.Pages.Staff"];
}
