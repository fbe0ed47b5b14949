using Portal.Core.Hosting;
using Portal.Core.Staff;

namespace Portal.Web.Hosting;

/// <summary>
/// <c>dotnet Portal.Web.dll create-admin you@charity.org</c>: the documented way to make the first administrator of a
/// deployment. It migrates the database, creates the account with a generated password and prints it once.
/// </summary>
public static class CommandLine
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "create-admin";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
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
}
