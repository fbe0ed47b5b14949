using Microsoft.AspNetCore.Mvc;
using Portal.Core.Transparency.TaxStatements;

namespace Portal.Web.Pages.Account;

/// <summary>
/// /account/tax-statements/{year}: the signed-in donor's statement for a fiscal year as a PDF, made now from their
/// gifts (issued or not). The donor is the one signed in, never one named in the address; a year without gifts is 404.
/// </summary>
public sealed class TaxStatementModel(TaxStatementDocuments documents) : DonorPageModel
{
    public async Task<IActionResult> OnGetAsync(int year, CancellationToken cancellationToken)
    {
        if (year is < 2000 or > 9998 || await documents.PdfAsync(DonorId, year, cancellationToken) is not { } pdf)
        {
            return NotFound();
        }

        return File(pdf, "application/pdf", $"tax-statement-{year}.pdf");
    }
}
