using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Web.Hosting;

namespace Portal.Web.Areas.Communications.Pages.Updates;

/// <summary>Every delivery of an update, streamed as CSV (a send can have 100,000): for checking who got it and why not.</summary>
public sealed class UpdateDeliveriesCsv(PortalDbContext db, ImpactUpdate update) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName($"update-{update.Id:N}-deliveries.csv");
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024);
        await writer.WriteAsync("email,name,language,status,attempts,sent_at_utc,problem\r\n");
        var rows = db.UpdateDeliveries.AsNoTracking().Where(d => d.UpdateId == update.Id).OrderBy(d => d.Id)
            .Select(d => new { d.ToAddress, d.ToName, d.Language, d.Status, d.Attempts, d.SentAt, d.LastError }).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(context.HttpContext.RequestAborted))
        {
            var sent = row.SentAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"{Csv.Cell(row.ToAddress)},{Csv.Cell(row.ToName)},{row.Language},{row.Status},{row.Attempts},{sent},{Csv.Cell(row.LastError ?? "")}\r\n"));
        }
    }
}
