using Hangfire;
using Microsoft.Extensions.Options;
using Portal.Core.Hosting;
using Portal.Jobs;
using Portal.Web.Hosting;
using Portal.Web.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddPortalConsoleFormat(builder.Environment);
builder.Services.AddPortalTelemetry(builder.Configuration, TelemetryRegistration.WebService);
var dataFolder = PortalCoreRegistration.DataFolder(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddPortalCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddPortalJobs(builder.Configuration, dataFolder);
builder.Services.AddPortalWeb(builder.Configuration, builder.Environment);

var app = builder.Build();
if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app, args);
}

await PrepareDatabase.RunAsync(app.Services);
RecurringJobs.Register(app.Services.GetRequiredService<IRecurringJobManager>(), app.Services.GetRequiredService<IOptions<JobsOptions>>());
ListeningAddress.UseForPublicUrls(app);
app.EvictOnFundChanges();

app.UseRequestCorrelation();
app.UseTrustedProxies(app.Configuration);
app.UseSecurityHeaders();
app.UseClientAborts();
PortalExceptionHandler.Use(app);
HttpsOnly.Use(app);

app.UseStatusCodePagesWithReExecute("/status/{0}");
// Donor pages in the donor's language; amounts and dates in the reader's format (decimal comma in Germany).
app.UseRequestLocalization(ReaderCulture.Configure);
app.UseStaticFiles();
app.UseRouting();
app.UseSharedRateLimits();
app.UseAuthentication();
app.UseSignedInNoStore();
app.UseAuthorization();
app.UseOutputCache();

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapHangfireDashboard("/admin/jobs", new DashboardOptions { Authorization = [], AppPath = "/admin", DashboardTitle = "Portal jobs" })
    .RequireAuthorization(PortalPolicies.Admin);
StripeWebhookEndpoint.Map(app);
FundImageEndpoint.Map(app);
LanguageSwitch.Map(app);
app.MapPortalHealth();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
