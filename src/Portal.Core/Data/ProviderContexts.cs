using Microsoft.EntityFrameworkCore;

namespace Portal.Core.Data;

// One subclass per provider so each has its own migrations (Data/Migrations/<Provider>) and model snapshot.

public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);

public sealed class SqlServerPortalDbContext(DbContextOptions<SqlServerPortalDbContext> options) : PortalDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // The e-mail column keeps its collation: changing it would rebuild its unique index on a live table.
        SearchKeysInCodePointOrder(builder, "Latin1_General_100_BIN2", email: false);
    }
}

public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        SearchKeysInCodePointOrder(builder, "C", email: true);
    }
}
