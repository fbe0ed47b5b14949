using Portal.Core.Data;

using Xunit;

namespace Portal.Testing;

/// <summary>Theory data: the database providers the tests run on (SQL Server has no server here).</summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> Real => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };
}
