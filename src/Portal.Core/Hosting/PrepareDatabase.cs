using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Ledger.Totals;
using Portal.Core.Staff;

namespace Portal.Core.Hosting;

/// <summary>Start-up work: migrate the database, then (Development only) seed demo funds and demo staff accounts.</summary>
public static class PrepareDatabase
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = provider.GetRequiredService<PortalDbContext>();
        // The data folder holds the mailbox and demo files whatever the database, and the SQLite file by default.
        Directory.CreateDirectory(provider.GetRequiredService<PortalDataFolder>().Path);
        if (database.MigrateOnStart)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets readers go on while one writer writes; it is a property of the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // A database that had journal lines before the totals existed gets them once, from its lines.
        await provider.GetRequiredService<LedgerTotals>().EnsureBuiltAsync(cancellationToken);
        await provider.GetRequiredService<Donors.DonorSearchBackfill>().RunAsync(cancellationToken);
        await provider.GetRequiredService<StaffAccounts>().EnsureRolesAsync();
        var environment = provider.GetRequiredService<IHostEnvironment>();
        if (environment.IsDevelopment() && provider.GetRequiredService<IOptions<PortalOptions>>().Value.SeedDemoContent)
        {
            await provider.GetRequiredService<SeedDemoContent>().RunAsync(cancellationToken);
            await DemoStaffAccounts.EnsureAsync(provider, cancellationToken);
        }
    }
}

/// <summary>One demo account per staff role, created on the first start in Development; the console shows the passwords.</summary>
internal static class DemoStaffAccounts
{
    public static async Task EnsureAsync(IServiceProvider provider, CancellationToken cancellationToken)
    {
        var accounts = provider.GetRequiredService<StaffAccounts>();
        var folder = provider.GetRequiredService<PortalDataFolder>().Path;
        var file = Path.Combine(folder, "demo-staff-accounts.txt");
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.DemoAccounts");
        var created = new List<string>();
        foreach (var role in StaffRoles.All)
        {
            var email = $"{role.ToLowerInvariant()}@portal.localhost";
            if (await accounts.CreateAsync(email, role, "demo seed") is { } password)
            {
                // A second factor as Admin and Finance need: the key goes into any authenticator app (or the
                // "staff-code" command prints the current code), so a newcomer can sign in at once.
                var key = await accounts.AddAuthenticatorAsync(email);
                created.Add($"{role,-15} {email,-36} {password}   authenticator key {key}");
            }
        }

        if (created.Count > 0)
        {
            List<string> lines =
            [
                "Demo staff accounts (Development only). Sign in at /staff/login with the password, then the six-digit code of",
                "an authenticator app given the key, or the code `dotnet run --project src/Portal.Web -- staff-code <e-mail>` prints.",
                "",
                .. created,
            ];
            // A role added since the first start (DonorCare) gets its account below the ones already written.
            await (File.Exists(file) ? File.AppendAllLinesAsync(file, ["", .. created], cancellationToken)
                : File.WriteAllLinesAsync(file, lines, cancellationToken));
            // The console is where a newcomer looks first; the file keeps the passwords for later starts.
            Console.WriteLine(string.Join(Environment.NewLine, ["", .. lines, $"(also written to {file})", ""]));
        }
        else if (File.Exists(file))
        {
            HostingLog.DemoAccounts(logger, file);
        }
    }
}
