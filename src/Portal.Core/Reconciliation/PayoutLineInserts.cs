using System.Data;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Core.Data;

namespace Portal.Core.Reconciliation;

/// <summary>
/// Inserts a payout's matched lines with one prepared statement in the caller's transaction. The change tracker took a
/// second for ten thousand lines; lines an exception points at still go through it, since the exception needs their id.
/// </summary>
internal static class PayoutLineInserts
{
    private static readonly string[] Properties =
    [
        nameof(PayoutLine.PayoutId), nameof(PayoutLine.BalanceTransactionId), nameof(PayoutLine.Type), nameof(PayoutLine.ReportingCategory),
        nameof(PayoutLine.SourceId), nameof(PayoutLine.AmountMinor), nameof(PayoutLine.FeeMinor), nameof(PayoutLine.NetMinor),
        nameof(PayoutLine.Currency), nameof(PayoutLine.ExchangeRate), nameof(PayoutLine.GatewayCreatedAt), nameof(PayoutLine.Match),
        nameof(PayoutLine.ChargeId), nameof(PayoutLine.RefundId), nameof(PayoutLine.DisputeId), nameof(PayoutLine.DifferenceMinor),
    ];

    public static async Task InsertAsync(PortalDbContext db, IReadOnlyList<PayoutLine> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(PayoutLine))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var text = new StringBuilder().Append("INSERT INTO ").Append(sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema())).Append(" (")
            .AppendJoin(", ", Properties.Select(p => sql.DelimitIdentifier(entity.FindProperty(p)!.GetColumnName())))
            .Append(") VALUES (").AppendJoin(", ", Properties.Select((_, i) => $"@p{i}")).Append(')');
        if (db.Database.GetDbConnection().State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = text.ToString();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sqlite = db.Database.IsSqlite();
        var types = new[]
        {
            DbType.Int64, DbType.String, DbType.String, DbType.String, DbType.String, DbType.Int64, DbType.Int64, DbType.Int64,
            DbType.String, DbType.Decimal, DbType.DateTime, DbType.Int32, sqlite ? DbType.String : DbType.Guid, sqlite ? DbType.String : DbType.Guid,
            sqlite ? DbType.String : DbType.Guid, DbType.Int64,
        };
        var parameters = types.Select((type, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.DbType = type;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync(cancellationToken);
        object Id(Guid? id) => id is { } value ? (sqlite ? value.ToString().ToUpperInvariant() : value) : DBNull.Value;
        foreach (var line in lines)
        {
            object?[] values =
            [
                line.PayoutId, line.BalanceTransactionId, line.Type, line.ReportingCategory, line.SourceId, line.AmountMinor, line.FeeMinor, line
                    .NetMinor,
                line.Currency, line.ExchangeRate, DateTime.SpecifyKind(line.GatewayCreatedAt, DateTimeKind.Utc), (int)line.Match,
                Id(line.ChargeId), Id(line.RefundId), Id(line.DisputeId), line.DifferenceMinor,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
