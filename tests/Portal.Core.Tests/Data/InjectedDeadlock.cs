using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Tests.Data;

/// <summary>
/// A fault injected in a PostgreSQL test database: the first statement that writes the accounts' ledger totals (which
/// the portal writes as a transaction commits) fails as PostgreSQL fails a deadlock's victim (SQLSTATE 40P01); the later
/// ones pass. A sequence counts the statements, since a rollback does not take its numbers back.
/// </summary>
internal static class InjectedDeadlock
{
    public static Task InstallAsync(PortalDbContext db) =>
        db.Database.ExecuteSqlRawAsync("""
            CREATE SEQUENCE injected_deadlocks;
            CREATE FUNCTION inject_deadlock() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('injected_deadlocks') = 1 THEN
                    RAISE EXCEPTION 'deadlock detected (injected)' USING ERRCODE = '40P01';
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER inject_deadlock BEFORE INSERT OR UPDATE ON "AccountTotals"
                FOR EACH STATEMENT EXECUTE FUNCTION inject_deadlock();
            """);

    /// <summary>How many statements wrote the table, the failed one included.</summary>
    public static Task<long> WritesAsync(PortalDbContext db) =>
        db.Database.SqlQueryRaw<long>("SELECT last_value AS \"Value\" FROM injected_deadlocks").SingleAsync();
}
