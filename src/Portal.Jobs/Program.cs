using Hangfire;
using Microsoft.Extensions.Options;
using Portal.Core.Hosting;
using Portal.Jobs;

// The worker host: runs the portal's jobs on a machine of its own, against the same database as the web nodes.
// Run it with Jobs:RunServer=false on the web nodes so that only workers take jobs.
var builder = Host.CreateApplicationBuilder(args);
var dataFolder = PortalCoreRegistration.DataFolder(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddPortalCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddPortalJobs(builder.Configuration, dataFolder);

var host = builder.Build();
RecurringJobs.Register(host.Services.GetRequiredService<IRecurringJobManager>(), host.Services.GetRequiredService<IOptions<JobsOptions>>());
await host.RunAsync();
