using System.Data;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Core.Data;
using Portal.Core.Ledger.Totals;
using Portal.Core.Sponsorships;

namespace Portal.Core.Reconciliation;

/// <summary>
/// Writes what a payout settled onto its charges: amount, fee, currency, rate and balance transaction, and the actual
/// fee over the estimate where gift and settlement share a currency, bumping each row's version as the change tracker
/// would. One prepared statement executed per charge in the caller's transaction: ten thousand tracked updates cost
/// seconds, this a fraction of one. Only settlement columns are written, which nothing else changes.
/// </summary>
internal static class ChargeSettlements
{
    public static async Task SetAsync(
        PortalDbContext db,
        IReadOnlyList<(Guid ChargeId, PayoutLine Line, bool SameCurrency)> settled,
        CancellationToken cancellationToken)
    {
        if (settled.Count == 0)
        {
            return;
        }

        await MoveGiftTotalsAsync(db, settled, cancellationToken);

        var entity = db.Model.FindEntityType(typeof(Charge))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        var text = new StringBuilder().Append("UPDATE ").Append(sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema())).Append(" SET ")
            .Append(Column(nameof(Charge.Version))).Append(" = ").Append(Column(nameof(Charge.Version))).Append(" + 1, ")
            .Append(Column(nameof(Charge.SettledAmountMinor))).Append(" = @amount, ")
            .Append(Column(nameof(Charge.SettledFeeMinor))).Append(" = @fee, ")
            .Append(Column(nameof(Charge.SettledCurrency))).Append(" = @currency, ")
            .Append(Column(nameof(Charge.ExchangeRate))).Append(" = @rate, ")
            .Append(Column(nameof(Charge.BalanceTransactionId))).Append(" = @txn, ")
            .Append(Column(nameof(Charge.FeeMinor))).Append(" = CASE WHEN @same = 1 THEN @fee ELSE ").Append(Column(nameof(Charge
                .FeeMinor))).Append(" END, ")
            .Append(Column(nameof(Charge
                .FeeIsEstimate))).Append(" = CASE WHEN @same = 1 THEN @false ELSE ").Append(Column(nameof(Charge.FeeIsEstimate))).Append(" END")
            .Append(" WHERE ").Append(Column(nameof(Charge.Id))).Append(" = @id");

        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = text.ToString();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        // SQLite keeps ids as upper-case text (EF's mapping); the other providers as their own uuid types.
        var sqlite = db.Database.IsSqlite();
        var id = Parameter(command, "@id", sqlite ? DbType.String : DbType.Guid);
        var amount = Parameter(command, "@amount", DbType.Int64);
        var fee = Parameter(command, "@fee", DbType.Int64);
        var currency = Parameter(command, "@currency", DbType.String);
        var rate = Parameter(command, "@rate", DbType.Decimal);
        var txn = Parameter(command, "@txn", DbType.String);
        var same = Parameter(command, "@same", DbType.Int32);
        Parameter(command, "@false", DbType.Boolean).Value = false;
        await command.PrepareAsync(cancellationToken);
        foreach (var (chargeId, line, sameCurrency) in settled)
        {
            id.Value = sqlite ? chargeId.ToString().ToUpperInvariant() : chargeId;
            amount.Value = line.AmountMinor;
            fee.Value = line.FeeMinor;
            currency.Value = line.Currency;
            rate.Value = line.ExchangeRate ?? 1m;
            txn.Value = line.BalanceTransactionId;
            same.Value = sameCurrency ? 1 : 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Each settled gift moves, in its day's gift totals, from where it was counted to its settlement currency.</summary>
    private static async Task MoveGiftTotalsAsync(
        PortalDbContext db,
        IReadOnlyList<(Guid ChargeId, PayoutLine Line, bool SameCurrency)> settled,
        CancellationToken cancellationToken)
    {
        var changes = new PendingTotals();
        var lines = settled.GroupBy(s => s.ChargeId).ToDictionary(g => g.Key, g => g.Last().Line);
        foreach (var chunk in lines.Keys.Chunk(500))
        {
            var ids = chunk.ToList();
            var charges = await db.Charges.AsNoTracking().Where(c => ids.Contains(c.Id) && c.GiftDate != null && c.FundId != null)
                .Select(c => new
                {
                    c.Id,
                    FundId = c.FundId!.Value,
                    c.Currency,
                    Date = c.GiftDate!.Value,
                    c.AmountMinor,
                    c.SettledCurrency,
                    c.SettledAmountMinor,
                })
                .ToListAsync(cancellationToken);
            foreach (var c in charges)
            {
                var line = lines[c.Id];
                changes.AddGift(
                    TotalsCapture.Bucket(c.FundId, c.Currency, c.Date, c.SettledCurrency, c.SettledAmountMinor),
                    -1,
                    c.AmountMinor,
                    c.SettledAmountMinor ?? 0);
                changes.AddGift(
                    TotalsCapture.Bucket(c.FundId, c.Currency, c.Date, line.Currency, line.AmountMinor),
                    1,
                    c.AmountMinor,
                    line.AmountMinor);
            }
        }

        LedgerTotalsInterceptor.AddToTransaction(db, changes);
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
