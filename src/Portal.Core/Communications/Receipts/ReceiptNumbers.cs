using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Core.Data;
using Portal.Core.Sponsorships;

namespace Portal.Core.Communications.Receipts;

/// <summary>
/// Gives many charges their receipt numbers in one statement per few hundred (a CASE on the id), bumping each row's
/// version as the change tracker would. Only for charges whose number is not set yet.
/// </summary>
public static class ReceiptNumbers
{
    // SQL Server allows 2,100 parameters in a statement; two per charge, with room to spare.
    private const int Chunk = 900;

    public static async Task SetAsync(PortalDbContext db, IReadOnlyList<(Guid ChargeId, string Number)> numbers, CancellationToken cancellationToken)
    {
        if (numbers.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(Charge))!;
        var table = entity.GetTableName()!;
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        var id = Column(nameof(Charge.Id));
        var receipt = Column(nameof(Charge.ReceiptNumber));
        var version = Column(nameof(Charge.Version));
        foreach (var chunk in numbers.Chunk(Chunk))
        {
            var text = new StringBuilder().Append("UPDATE ").Append(sql.DelimitIdentifier(table, entity.GetSchema()))
                .Append(" SET ").Append(version).Append(" = ").Append(version).Append(" + 1, ").Append(receipt).Append(" = CASE ").Append(id);
            var parameters = new List<object>(chunk.Length * 2);
            foreach (var (chargeId, number) in chunk)
            {
                text.Append(" WHEN {").Append(parameters.Count).Append("} THEN {").Append(parameters.Count + 1).Append('}');
                parameters.Add(chargeId);
                parameters.Add(number);
            }

            text.Append(" END WHERE ").Append(receipt).Append(" IS NULL AND ").Append(id).Append(" IN (");
            for (var i = 0; i < chunk.Length; i++)
            {
                text.Append(i == 0 ? "" : ", ").Append('{').Append(i * 2).Append('}');
            }

            text.Append(')');
            await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters, cancellationToken);
        }
    }
}
