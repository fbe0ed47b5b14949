using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Portal.Core.Exports;

namespace Portal.Web.Hosting;

/// <summary>
/// Streams an export as a download: headers first, then rows as the database returns them. Nothing is buffered, so the
/// file's size is not known in advance and an error midway ends the download short (the server logs it).
/// </summary>
public sealed class ExportFileResult(ExportTable table, ExportFormat format) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = TableExport.ContentType(format);
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(TableExport.FileName(table, format));
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "no-store";
        await TableExport.WriteAsync(table, format, response.Body, context.HttpContext.RequestAborted);
    }
}
