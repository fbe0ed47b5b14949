using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Transparency.TaxStatements;

/// <summary>
/// Issues a donor's statement for a fiscal year once: the numbered row and its e-mail in the outbox, saved together.
/// The unique index on (donor, year) decides a race; the loser finds the statement issued and is done.
/// </summary>
public sealed class IssueTaxStatement(PortalDbContext db, DeductibleGifts gifts, FiscalYears years, EmailOutbox outbox, CharityCalendar calendar)
{
    // A second try covers two issuers taking the same next number at once; more would mean a bug, not a race.
    private const int Tries = 3;

    public static string Key(Guid donorId, int fiscalYear) => string.Create(CultureInfo.InvariantCulture, $"tax-statement:{donorId}:{fiscalYear}");

    public async Task<TaxStatementIssue> IssueAsync(Guid donorId, int fiscalYear, CancellationToken cancellationToken)
    {
        if (await IssuedAsync(donorId, fiscalYear, cancellationToken))
        {
            return TaxStatementIssue.AlreadyIssued;
        }

        var donor = await db.Donors.AsNoTracking().SingleAsync(d => d.Id == donorId, cancellationToken);
        var given = await gifts.OfAsync(donor, fiscalYear, cancellationToken);
        if (given.Count == 0)
        {
            return TaxStatementIssue.NoGifts;
        }

        var totals = JsonSerializer.Serialize(
            TaxStatementView.TotalsOf(given).Select(t => new { currency = t.Currency.Code, amountMinor = t.Minor }));
        var (from, to) = years.Range(fiscalYear);
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            var statement = new TaxStatement
            {
                DonorId = donorId,
                FiscalYear = fiscalYear,
                From = from,
                To = to,
                Number = await NextNumberAsync(fiscalYear, cancellationToken),
                TotalsJson = totals,
                IssuedAt = calendar.UtcNow,
            };
            db.TaxStatements.Add(statement);
            outbox.QueueDeferred(
                Key(donorId, fiscalYear),
                EmailCategory.Transactional,
                donor.Id,
                donor.Email,
                donor.Name,
                DeferredTaxStatement.Template,
                statement.Id);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return TaxStatementIssue.Issued;
            }
            catch (DbUpdateException)
            {
                // Leaves the caller's context empty: issue from a context of its own (the job's batch scope, a request).
                db.ChangeTracker.Clear();
                if (await IssuedAsync(donorId, fiscalYear, cancellationToken))
                {
                    return TaxStatementIssue.AlreadyIssued;
                }

                if (attempt == Tries)
                {
                    throw;
                }
            }
        }

        throw new InvalidOperationException($"The tax statement {fiscalYear} of donor {donorId} could not be numbered in {Tries} tries.");
    }

    private Task<bool> IssuedAsync(Guid donorId, int fiscalYear, CancellationToken cancellationToken) =>
        db.TaxStatements.AnyAsync(s => s.DonorId == donorId && s.FiscalYear == fiscalYear, cancellationToken);

    /// <summary>"TS-2026-000124": one more than the year's highest (the numbers are zero-padded, so text order is number order).</summary>
    private async Task<string> NextNumberAsync(int fiscalYear, CancellationToken cancellationToken)
    {
        var highest = await db.TaxStatements.Where(s => s.FiscalYear == fiscalYear).MaxAsync(s => (string?)s.Number, cancellationToken);
        var next = highest is null ? 1 : int.Parse(highest[(highest.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"TS-{fiscalYear}-{next:D6}");
    }
}

public enum TaxStatementIssue
{
    Issued = 1,
    AlreadyIssued = 2,
    /// <summary>The donor has no gift that counts in the year (all refunded or returned since): nothing to state.</summary>
    NoGifts = 3,
}
