using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Portal.Core.Hosting;
using Portal.Core.Privacy;

namespace Portal.Web.Hosting;

/// <summary>Streams a donor's own data export (JSON or CSV) as a download that no cache keeps.</summary>
public sealed class DonorDataFileResult(Guid donorId, bool json) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var services = context.HttpContext.RequestServices;
        var export = services.GetRequiredService<DonorDataExport>();
        var now = services.GetRequiredService<CharityCalendar>().UtcNow;
        var response = context.HttpContext.Response;
        response.ContentType = json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName($"my-data-{now:yyyy-MM-dd}.{(json ? "json" : "csv")}");
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "no-store";
        var sections = export.Sections(donorId);
        var cancellationToken = context.HttpContext.RequestAborted;
        if (json)
        {
            await DonorDataFile.WriteJsonAsync(donorId, now, sections, response.Body, cancellationToken);
        }
        else
        {
            await DonorDataFile.WriteCsvAsync(sections, response.Body, cancellationToken);
        }
    }
}
