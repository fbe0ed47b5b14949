using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Hosting;
using Portal.Core.Languages;

namespace Portal.Core.Transparency.TaxStatements;

/// <summary>
/// Builds a donor's statement for a fiscal year from the gifts as they stand today: for the PDF on the dashboard (issued
/// or not) and for the e-mail of an issued one, which carries the issued number.
/// </summary>
public sealed class TaxStatementDocuments(
    PortalDbContext db,
    DeductibleGifts gifts,
    FiscalYears years,
    CharityCalendar calendar,
    IOptions<PortalOptions> portal)
{
    /// <returns>Null when the donor gave nothing that counts in the year and was issued no statement for it.</returns>
    public async Task<TaxStatementView?> ViewAsync(Guid donorId, int fiscalYear, CancellationToken cancellationToken)
    {
        var donor = await db.Donors.AsNoTracking().SingleOrDefaultAsync(d => d.Id == donorId, cancellationToken);
        if (donor is null)
        {
            return null;
        }

        var number = await db.TaxStatements.Where(s => s.DonorId == donorId && s.FiscalYear == fiscalYear)
            .Select(s => s.Number).SingleOrDefaultAsync(cancellationToken);
        var given = await gifts.OfAsync(donor, fiscalYear, cancellationToken);
        if (given.Count == 0 && number is null)
        {
            return null;
        }

        var (from, to) = years.Range(fiscalYear);
        return new TaxStatementView(
            portal.Value.CharityName, number, TaxStatementTexts.For(donor.Language), donor.Name, donor.Email,
            Countries.NameOf(donor.CountryCode, PortalLanguages.Culture(donor.Language)),
            fiscalYear, years.Label(fiscalYear), from, to, given, calendar.Today);
    }

    public async Task<byte[]?> PdfAsync(Guid donorId, int fiscalYear, CancellationToken cancellationToken) =>
        await ViewAsync(donorId, fiscalYear, cancellationToken) is { } view ? TaxStatementPdf.Render(view) : null;
}
