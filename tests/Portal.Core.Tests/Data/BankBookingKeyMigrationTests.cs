using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Data;
using Portal.Core.Reconciliation.Bank;
using Portal.Core.Tests.Reconciliation.Bank;
using Portal.Testing;

namespace Portal.Core.Tests.Data;

/// <summary>
/// The migration BankBookingKey fills in the booking key of the lines imported before it, as an import now would, so a
/// CSV export of an account whose CAMT.053 statement was imported before the upgrade is still recognised.
/// </summary>
public class BankBookingKeyMigrationTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Lines_imported_before_get_the_booking_keys_an_import_gives_them_now(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateUnmigratedAsync(provider);
        await using var db = database.CreateContext();
        var migrations = db.Database.GetMigrations().ToList();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_BankBookingKey", StringComparison.Ordinal)) - 1]);

        // Two equal transfers on one day, so the place among equal bookings counts too.
        var parsed = Camt053Parser.Parse(Samples.Read("camt053-v02.xml"));
        var last = parsed.Lines[^1];
        var keyed = BankLineKeys.Assign([.. parsed.Lines, last with { BankReference = "2026030500000002", Counterparty = "Max Muster" }]);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "BankStatements" ("FileName", "Format", "ContentHash", "LineCount", "ImportedAt", "ImportedBy")
            VALUES ('march.xml', 'camt.053', 'hash', {keyed.Count}, {new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc)}, 'finance')
            """);
        var statementId = await db.Database.SqlQuery<long>($"""SELECT "Id" AS "Value" FROM "BankStatements" """).SingleAsync();
        foreach (var line in keyed)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "BankLines" ("BankStatementId", "LineKey", "BookedOn", "AmountMinor", "Currency", "Status")
                VALUES ({statementId}, {line.Key}, {line.Line.BookedOn}, {line.Line.Amount.Minor}, {line.Line.Amount.Currency.Code}, 0)
                """);
        }

        await migrator.MigrateAsync();

        var stored = await db.BankLines.AsNoTracking().OrderBy(l => l.Id).Select(l => l.BookingKey).ToListAsync();
        Assert.Equal(keyed.Select(k => k.BookingKey), stored);
        Assert.Equal("DE89370400440532013000:2026-03-05:EUR5000:2", stored[^1]);
    }
}
