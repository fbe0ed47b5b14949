using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;

namespace Portal.Core.Tests.Data;

/// <summary>
/// No SQL Server runs here, so its migrations are checked as text: the idempotent script that a deployment applies,
/// generated in-process, builds every table the model maps, with the model's store types, keys, indexes and
/// concurrency tokens. (That the migrations have no pending model changes is <see cref="MigrationsTests"/>' part.)
/// </summary>
public class SqlServerScriptTests
{
    private static readonly Lazy<(IModel Model, string Script, IReadOnlyList<string> Migrations)> Generated = new(Generate);

    [Fact]
    public void The_idempotent_script_builds_every_table_of_the_model_as_the_model_defines_it()
    {
        var (model, script, migrations) = Generated.Value;

        var scripted = ScriptedSchema.Read(script);

        var differences = ModelAgainstScript.Differences(model, scripted);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, ["The script differs from the model:", .. differences]));
        Assert.Equal(migrations, scripted.Migrations);
        var tokens = ModelAgainstScript.ConcurrencyTokens(model, scripted);
        Assert.NotEmpty(tokens);
        Assert.All(tokens, token => Assert.Equal(token.ModelType, token.ScriptType));
    }

    [Fact]
    public void Amounts_currencies_times_and_the_claim_are_stored_as_the_model_says()
    {
        var (model, script, _) = Generated.Value;
        var scripted = ScriptedSchema.Read(script);

        // Read from the model (Charge, JournalLine, Sponsorship, ChargeConfiguration, RefundConfiguration):
        // amounts are long minor units, currencies three letters, exchange rates decimal(24,12), times UTC DateTime.
        Assert.Equal(new ScriptedColumn("bigint", false, false), scripted.Tables["Charges"].Columns["AmountMinor"]);
        Assert.Equal(new ScriptedColumn("bigint", false, false), scripted.Tables["JournalLines"].Columns["AmountMinor"]);
        Assert.Equal(new ScriptedColumn("bigint", false, false), scripted.Tables["Sponsorships"].Columns["AmountMinor"]);
        Assert.Equal(new ScriptedColumn("nvarchar(3)", false, false), scripted.Tables["Charges"].Columns["Currency"]);
        Assert.Equal(new ScriptedColumn("decimal(24,12)", true, false), scripted.Tables["Charges"].Columns["ExchangeRate"]);
        Assert.Equal(new ScriptedColumn("datetime2", false, false), scripted.Tables["Charges"].Columns["CreatedAt"]);
        Assert.Equal(new ScriptedColumn("date", false, false), scripted.Tables["Charges"].Columns["PeriodStart"]);
        Assert.Equal(new ScriptedColumn("datetimeoffset", true, false), scripted.Tables["AspNetUsers"].Columns["LockoutEnd"]);
        Assert.Equal(new ScriptedColumn("bigint", false, true), scripted.Tables["JournalEntries"].Columns["Id"]);
        // The claim: one charge per sponsorship and period, on every row; a refund's gateway id unique once it has one.
        Assert.Equal(
            new ScriptedIndex("SponsorshipId,PeriodStart", true, null),
            scripted.Tables["Charges"].Indexes["IX_Charges_SponsorshipId_PeriodStart"]);
        Assert.Equal(
            new ScriptedIndex("GatewayRefundId", true, "[GatewayRefundId] IS NOT NULL"),
            scripted.Tables["Refunds"].Indexes["IX_Refunds_GatewayRefundId"]);
        // Optimistic concurrency: an int version the portal bumps (VersionStamp), not a rowversion.
        var tokens = ModelAgainstScript.ConcurrencyTokens(model, scripted);
        Assert.Contains(("Sponsorship", "Sponsorships.Version", "int", "int"), tokens);
        Assert.Contains(("Charge", "Charges.Version", "int", "int"), tokens);
        Assert.Contains(("IdentityUser", "AspNetUsers.ConcurrencyStamp", "nvarchar(max)", "nvarchar(max)"), tokens);
    }

    [Fact]
    public void A_script_that_differs_from_the_model_is_caught()
    {
        var (model, script, _) = Generated.Value;
        var wrong = Replace(script, "CREATE TABLE [Charges] (", "[AmountMinor] bigint NOT NULL", "[AmountMinor] int NOT NULL");
        wrong = Replace(wrong, "CREATE TABLE [Charges] (", "[Currency] nvarchar(3) NOT NULL", "[Currency] nvarchar(10) NOT NULL");
        wrong = Replace(wrong, "CREATE TABLE [Sponsorships] (", "[Version] int NOT NULL", "[Version] int NULL");
        wrong = Replace(
            wrong,
            "",
            "CREATE UNIQUE INDEX [IX_Charges_SponsorshipId_PeriodStart]",
            "CREATE INDEX [IX_Charges_SponsorshipId_PeriodStart]");
        wrong = Replace(wrong, "", " WHERE [GatewayRefundId] IS NOT NULL", "");
        wrong = Replace(wrong, "", "CREATE INDEX [IX_Charges_FundId_GiftDate] ON [Charges] ([FundId], [GiftDate]);", "");

        var differences = ModelAgainstScript.Differences(model, ScriptedSchema.Read(wrong));

        Assert.Equal(
            [
                "[Charges].[AmountMinor] is int NOT NULL in the script, bigint NOT NULL in the model.",
                "[Charges].[Currency] is nvarchar(10) NOT NULL in the script, nvarchar(3) NOT NULL in the model.",
                "[Charges]: index [IX_Charges_FundId_GiftDate] (FundId,GiftDate) is not in the script.",
                "[Charges]: index [IX_Charges_SponsorshipId_PeriodStart] is (SponsorshipId,PeriodStart) in the script, "
                    + "unique (SponsorshipId,PeriodStart) in the model.",
                "[Refunds]: index [IX_Refunds_GatewayRefundId] is unique (GatewayRefundId) in the script, "
                    + "unique (GatewayRefundId) where [GatewayRefundId] IS NOT NULL in the model.",
                "[Sponsorships].[Version] is int NULL in the script, int NOT NULL in the model.",
            ],
            differences.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_statement_the_reader_does_not_know_fails_the_read_instead_of_being_skipped()
    {
        var script = Generated.Value.Script + "ALTER TABLE [Charges] ADD CONSTRAINT [CK_Charges_Amount] CHECK ([AmountMinor] > 0);\n";

        var error = Assert.Throws<InvalidDataException>(() => ScriptedSchema.Read(script));

        Assert.Contains("CK_Charges_Amount", error.Message, StringComparison.Ordinal);
    }

    private static (IModel, string, IReadOnlyList<string>) Generate()
    {
        // Nothing connects: the script and the model are made without a server (the name does not resolve).
        var options = new DbContextOptionsBuilder<SqlServerPortalDbContext>()
            .UseSqlServer("Server=nowhere.invalid;Database=Portal;User Id=portal;Password=unused;Encrypt=True")
            .Options;
        using var db = new SqlServerPortalDbContext(options);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        return (db.Model, script, db.Database.GetMigrations().ToList());
    }

    /// <summary>Replaces the first <paramref name="old"/> after <paramref name="anchor"/>, and fails when there is none.</summary>
    private static string Replace(string script, string anchor, string old, string replacement)
    {
        var start = script.IndexOf(anchor, StringComparison.Ordinal);
        var at = start < 0 ? -1 : script.IndexOf(old, start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' after '{anchor}' is not in the script.");
        return string.Concat(script.AsSpan(0, at), replacement, script.AsSpan(at + old.Length));
    }
}
