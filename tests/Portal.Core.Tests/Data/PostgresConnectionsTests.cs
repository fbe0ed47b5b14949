using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Data;

/// <summary>
/// On PostgreSQL the portal's connections prepare the statements they run again and again (decision 048), unless the
/// operator's connection string says otherwise.
/// </summary>
public sealed class PostgresConnectionsTests
{
    [Fact]
    public void Automatic_preparation_is_added_to_a_connection_string_that_does_not_name_it()
    {
        var given = "Host=db.example;Database=portal;Username=portal";

        var used = new NpgsqlConnectionStringBuilder(PostgresConnections.WithPreparedStatements(given));

        Assert.Equal(PostgresConnections.DefaultMaxAutoPrepare, used.MaxAutoPrepare);
        Assert.Equal(("db.example", "portal", "portal"), (used.Host, used.Database, used.Username));
    }

    [Theory]
    [InlineData("Host=db.example;Max Auto Prepare=0")]
    [InlineData("Host=db.example;MaxAutoPrepare=16")]
    [InlineData("Host=db.example;max auto prepare=200")]
    public void An_operator_who_names_it_keeps_their_setting(string given)
    {
        Assert.Equal(given, PostgresConnections.WithPreparedStatements(given));
    }

    [SkippableTheory]
    [InlineData(null, true)]
    [InlineData("Max Auto Prepare=0", false)]
    public async Task A_query_run_again_and_again_on_a_connection_is_prepared_there(string? setting, bool prepared)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var settings = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = setting is null ? database.ConnectionString : $"{database.ConnectionString};{setting}",
        };
        await using var services = PortalServices.Create(database, settings);
        await using var db = services.CreateContext();
        await db.Database.OpenConnectionAsync();

        for (var i = 0; i < 8; i++)
        {
            var code = $"NBO{i}";
            Assert.Equal(0, await db.Funds.CountAsync(f => f.Code == code));
        }

        var funds = await db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%FROM \"Funds\"%'").SingleAsync();
        Assert.Equal(prepared ? 1 : 0, funds);
    }
}
