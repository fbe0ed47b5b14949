using Microsoft.EntityFrameworkCore;

namespace Portal.Core.Data;

// One subclass per provider so each has its own migrations (Data/Migrations/<Provider>) and model snapshot.

public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);

public sealed class SqlServerPortalDbContext(DbContextOptions<SqlServerPortalDbContext> options) : PortalDbContext(options);

public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options);
