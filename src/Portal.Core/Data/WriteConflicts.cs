using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Portal.Core.Data;

/// <summary>
/// Whether a failed write lost to a concurrent writer, so that the same work tried again on fresh data settles it:
/// EF Core's failed save (a row changed meanwhile, a key taken meanwhile, a deadlock inside the save), or the database
/// server choosing the transaction as a deadlock's victim or failing it to keep transactions serial. A server reports
/// the last two from any statement, the ledger totals written as a transaction commits (decision 040) and a commit
/// itself included, not only from a save: PostgreSQL's 40P01 and 40001, SQL Server's 1205.
/// </summary>
public static class WriteConflicts
{
    public static bool LostTo(Exception error) => error is DbUpdateException || IsVictim(error);

    private static bool IsVictim(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is DbException { SqlState: "40P01" or "40001" } or Microsoft.Data.SqlClient.SqlException { Number: 1205 })
            {
                return true;
            }
        }

        return false;
    }
}
