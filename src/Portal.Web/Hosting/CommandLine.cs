using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Ledger.Totals;
using Portal.Core.Staff;

namespace Portal.Web.Hosting;

/// <summary>
/// Operators' commands, run with the deployment's settings (<c>dotnet Portal.Web.dll &lt;command&gt;</c>):
/// <c>migrate</c> applies the pending migrations (and prepares Hangfire's tables), prints them and exits, so a
/// deployment step migrates before any node starts; <c>backup &lt;file&gt;</c> writes an online, consistent copy of the
/// embedded SQLite database (on PostgreSQL or SQL Server it names their own tools instead);
/// <c>create-admin you@charity.org</c> makes the first administrator and prints its password once;
/// <c>rebuild-totals</c> recomputes the ledger's running totals from its lines; <c>check-totals</c> compares them;
/// <c>revoke-unprotected-keys</c> deletes data-protection keys stored unencrypted (before the key ring's certificate);
/// <c>staff-code you@charity.org</c> (Development only) prints a demo account's current authenticator code.
/// All but <c>backup</c> migrate the database first.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands =
        ["migrate", "backup", "create-admin", "rebuild-totals", "check-totals", "revoke-unprotected-keys", "staff-code"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args) => args[0] switch
    {
        "migrate" => await MigrateAsync(app),
        "backup" => await BackupAsync(app, args),
        "create-admin" => await CreateAdminAsync(app, args),
        "rebuild-totals" => await RebuildTotalsAsync(app),
        "revoke-unprotected-keys" => await RevokeUnprotectedKeysAsync(app),
        "staff-code" => await StaffCodeAsync(app, args),
        _ => await CheckTotalsAsync(app),
    };

    private static async Task<int> MigrateAsync(WebApplication app)
    {
        // The data folder holds the SQLite file on the embedded default: made first, as start-up makes it.
        Directory.CreateDirectory(app.Services.GetRequiredService<PortalDataFolder>().Path);
        IReadOnlyList<string> applied;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            applied = await DatabaseMigration.ApplyAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), CancellationToken.None);
        }

        Console.WriteLine(applied.Count == 0
            ? "The database is up to date: no migration to apply."
            : $"Applied {applied.Count} migration(s):{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", applied)}");
        // The rest of what a node does before it serves (totals built once, staff roles), and Hangfire's tables, which
        // its storage creates when it is first made: the nodes then start on a database that is ready.
        await PrepareDatabase.RunAsync(app.Services);
        _ = app.Services.GetRequiredService<JobStorage>();
        return 0;
    }

    private static async Task<int> BackupAsync(WebApplication app, string[] args)
    {
        if (args.Length != 2)
        {
            await Console.Error.WriteLineAsync("Usage: backup <file>   (a new file: the SQLite database's copy is written there)");
            return 2;
        }

        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            await Console.Error.WriteLineAsync(BackupAdvice.For(database.Provider, database.ConnectionString));
            return 1;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.GetConnectionString()!;
        var result = await SqliteBackup.CopyAsync(connection, args[1], CancellationToken.None);
        await (result.Written ? Console.Out : Console.Error).WriteLineAsync(result.Message);
        return result.Written ? 0 : 1;
    }

    private static async Task<int> CreateAdminAsync(WebApplication app, string[] args)
    {
        if (args.Length != 2 || !Portal.Core.Donors.EmailAddresses.IsValid(args[1]))
        {
            await Console.Error.WriteLineAsync("Usage: create-admin <e-mail address>");
            return 2;
        }

        await PrepareDatabase.RunAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var password = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(args[1], StaffRoles.Admin, "create-admin command");
        if (password is null)
        {
            await Console.Error.WriteLineAsync($"A staff account for {args[1]} already exists.");
            return 1;
        }

        Console.WriteLine($"Administrator {args[1]} created. Password (shown once; change it after signing in): {password}");
        return 0;
    }

    /// <summary>Deletes the keys a version before the key ring's certificate stored unencrypted (decision 023).</summary>
    private static async Task<int> RevokeUnprotectedKeysAsync(WebApplication app)
    {
        await PrepareDatabase.RunAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var deleted = await KeyRing.Unprotected(scope.ServiceProvider.GetRequiredService<PortalDbContext>()).ExecuteDeleteAsync();
        Console.WriteLine(deleted == 0
            ? "Every stored key is encrypted; nothing to revoke."
            : $"Deleted {deleted} unencrypted key(s). Donors and staff sign in again; links signed with them no longer open.");
        return 0;
    }

    /// <summary>
    /// The demo staff's second factor without a phone (decision 024): Development only, since whoever can run it can read
    /// the database's keys anyway there.
    /// </summary>
    private static async Task<int> StaffCodeAsync(WebApplication app, string[] args)
    {
        if (!app.Environment.IsDevelopment() || args.Length != 2)
        {
            await Console.Error.WriteLineAsync("Usage (Development only): staff-code <e-mail address>");
            return 2;
        }

        await PrepareDatabase.RunAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
        var key = await users.FindByEmailAsync(args[1]) is { } user ? await users.GetAuthenticatorKeyAsync(user) : null;
        if (string.IsNullOrEmpty(key))
        {
            await Console.Error.WriteLineAsync($"{args[1]} has no authenticator key.");
            return 1;
        }

        Console.WriteLine(AuthenticatorCode.At(key, DateTimeOffset.UtcNow));
        return 0;
    }

    private static async Task<int> RebuildTotalsAsync(WebApplication app)
    {
        await PrepareDatabase.RunAsync(app.Services);
        var differences = await app.Services.GetRequiredService<LedgerTotals>().RebuildAsync(CancellationToken.None);
        Console.WriteLine(differences.Count == 0
            ? "Totals rebuilt from the ledger; they had agreed with it."
            : $"Totals rebuilt from the ledger. Before, they differed in {differences.Count} places:{Environment.NewLine}"
                + string.Join(Environment.NewLine, differences));
        return 0;
    }

    private static async Task<int> CheckTotalsAsync(WebApplication app)
    {
        await PrepareDatabase.RunAsync(app.Services);
        var result = await app.Services.GetRequiredService<LedgerTotals>().CheckAsync(CancellationToken.None);
        Console.WriteLine(result.Summary);
        return result.Agreed ? 0 : 1;
    }
}
