using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Transparency.TaxStatements;

/// <summary>
/// Renders an issued statement's e-mail when it is sent, with the PDF attached. The PDF is not stored: it is made
/// again at every send (and on the dashboard) from the gifts, under the issued number.
/// </summary>
public sealed class DeferredTaxStatement(
    PortalDbContext db,
    TaxStatementDocuments documents,
    EmailRenderer renderer,
    PublicUrls urls) : IDeferredEmailRenderer
{
    public const string Template = "tax-statement";

    string IDeferredEmailRenderer.Template => Template;

    public async Task<RenderedEmail?> RenderAsync(Guid reference, CancellationToken cancellationToken)
    {
        if (await ViewAsync(reference, cancellationToken) is not { } view)
        {
            return null;
        }

        var account = urls.To("account").ToString();
        var html = await renderer.RenderAsync<TaxStatementEmail>(new Dictionary<string, object?> { ["View"] = view, ["AccountUrl"] = account });
        return new RenderedEmail(view.Texts.Subject(view.YearLabel, view.CharityName), html, Text(view, account)) { Attachments = [Pdf(view)] };
    }

    public async Task<IReadOnlyList<EmailAttachment>> AttachmentsAsync(Guid reference, CancellationToken cancellationToken) =>
        await ViewAsync(reference, cancellationToken) is { } view ? [Pdf(view)] : [];

    private async Task<TaxStatementView?> ViewAsync(Guid statementId, CancellationToken cancellationToken)
    {
        var statement = await db.TaxStatements.AsNoTracking().SingleOrDefaultAsync(s => s.Id == statementId, cancellationToken);
        return statement is null ? null : await documents.ViewAsync(statement.DonorId, statement.FiscalYear, cancellationToken);
    }

    private static EmailAttachment Pdf(TaxStatementView view) => new(view.FileName, "application/pdf", TaxStatementPdf.Render(view));

    private static string Text(TaxStatementView view, string accountUrl)
    {
        var texts = view.Texts;
        var text = new StringBuilder().AppendLine(texts.Greeting(view.DonorName)).AppendLine()
            .AppendLine(texts.Body(view.YearLabel)).AppendLine().AppendLine(texts.TotalsIntro);
        foreach (var total in view.Totals)
        {
            text.Append("  ").AppendLine(texts.Amount(total));
        }

        text.AppendLine().Append(texts.NumberLabel).Append(": ").AppendLine(view.Number).AppendLine(texts.NoGoods).AppendLine()
            .Append(texts.DashboardLink).Append(": ").AppendLine(accountUrl).AppendLine().AppendLine(view.CharityName)
            .AppendLine().AppendLine("-- ").AppendLine(texts.Footer(view.CharityName));
        return text.ToString();
    }
}
