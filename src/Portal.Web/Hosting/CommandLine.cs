using Microsoft.EntityFrameworkCore;
using Portal.Core.Hosting;
using Portal.Core.Ledger.Totals;
using Portal.Core.Staff;

namespace Portal.Web.Hosting;

/// <summary>
/// Operators' commands, run with the deployment's settings (<c>dotnet Portal.Web.dll &lt;command&gt;</c>): each migrates the
/// database first. <c>create-admin you@charity.org</c> makes the first administrator and prints its password once;
/// <c>rebuild-totals</c> recomputes the ledger's running totals from its lines; <c>check-totals</c> compares them;
/// <c>revoke-unprotected-keys</c> deletes data-protection keys stored unencrypted (before the key ring's certificate).
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands = ["create-admin", "rebuild-totals", "check-totals", "revoke-unprotected-keys"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args) => args[0] switch
    {
        "create-admin" => await CreateAdminAsync(app, args),
        "rebuild-totals" => await RebuildTotalsAsync(app),
        "revoke-unprotected-keys" => await RevokeUnprotectedKeysAsync(app),
        _ => await CheckTotalsAsync(app),
    };

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
        var deleted = await KeyRing.Unprotected(scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDbContext>()).ExecuteDeleteAsync();
        Console.WriteLine(deleted == 0
            ? "Every stored key is encrypted; nothing to revoke."
            : $"Deleted {deleted} unencrypted key(s). Donors and staff sign in again; links signed with them no longer open.");
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
