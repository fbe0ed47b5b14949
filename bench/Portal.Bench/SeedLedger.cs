using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Ledger.Totals;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;

namespace Portal.Bench;

/// <summary>
/// Gifts to one fund (KEN01, EUR) over the last two years until the journal holds exactly N lines: each gift a charge,
/// its three-line entry (clearing, fee, gift) or, to make the count come out, a two-line one without a fee. Half the
/// charges are settled. Inserted with prepared commands in one transaction, then the running totals rebuilt from them;
/// not part of any measured time.
/// </summary>
internal static class SeedLedger
{
    private const int Sponsorships = 10_000;
    private const int Days = 730;

    public static async Task<Fund> RunAsync(IServiceProvider provider, int lines, CancellationToken cancellationToken)
    {
        var today = provider.GetRequiredService<CharityCalendar>().Today;
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var fund = await db.Funds.AsNoTracking().SingleAsync(f => f.Code == "KEN01", cancellationToken);
        var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
        var (clearingRef, feesRef, incomeRef) = (new AccountRef(AccountKind.GatewayClearing, Currency.EUR), new AccountRef(AccountKind.FundFees, Currency.EUR, owner), new AccountRef(AccountKind.FundIncome, Currency.EUR, owner));
        // The fund's accounts, made as the portal makes them: by posting to them.
        await scope.ServiceProvider.GetRequiredService<Journal>().PostAsync(new JournalDraft(today.AddDays(-Days), "Bench: first gift", "bench:first",
            [DraftLine.Debit(clearingRef, new Money(2_900, Currency.EUR)), DraftLine.Debit(feesRef, new Money(100, Currency.EUR)), DraftLine.Credit(incomeRef, new Money(3_000, Currency.EUR))], fund.Id), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var accounts = await db.Accounts.Where(a => a.Currency == "EUR" && (a.FundId == fund.Id || a.Kind == AccountKind.GatewayClearing)).ToDictionaryAsync(a => a.Kind, a => a.Id, cancellationToken);
        var (clearing, fees, income) = (accounts[AccountKind.GatewayClearing], accounts[AccountKind.FundFees], accounts[AccountKind.FundIncome]);
        var remaining = lines - await db.JournalLines.CountAsync(cancellationToken);
        var twoLine = remaining % 3 == 0 ? 0 : remaining % 3 == 2 ? 1 : 2;
        var gifts = (remaining - 2 * twoLine) / 3 + twoLine;
        if (remaining < 4)
        {
            throw new InvalidOperationException($"The demo funds already have {lines - remaining} lines: ask for more.");
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        using var transaction = connection.BeginTransaction();
        using var donors = new BulkRows<Donor>(db, connection, transaction);
        using var sponsorships = new BulkRows<Sponsorship>(db, connection, transaction);
        using var charges = new BulkRows<Charge>(db, connection, transaction);
        using var entries = new BulkRows<JournalEntry>(db, connection, transaction);
        using var journalLines = new BulkRows<JournalLine>(db, connection, transaction);
        var sponsorshipIds = new Guid[Sponsorships];
        var start = today.AddDays(-Days);
        for (var i = 0; i < Sponsorships; i++)
        {
            var email = string.Create(CultureInfo.InvariantCulture, $"donor{i}@bench.invalid");
            var donor = new Donor { Email = email, NormalizedEmail = Donor.Normalize(email), Name = $"Donor {i}", CountryCode = "AT", CreatedAt = DateTime.UtcNow };
            donors.Add(donor);
            var sponsorship = new Sponsorship { DonorId = donor.Id, FundId = fund.Id, AmountMinor = 3_000, Currency = "EUR", Interval = SponsorshipInterval.Monthly, ChargeDay = 1, Status = SponsorshipStatus.Active, Gateway = "sandbox", NextPeriodStart = today, CreatedAt = DateTime.UtcNow };
            sponsorships.Add(sponsorship);
            sponsorshipIds[i] = sponsorship.Id;
        }

        var entryId = await db.JournalEntries.MaxAsync(e => e.Id, cancellationToken);
        var lineId = await db.JournalLines.MaxAsync(l => l.Id, cancellationToken);
        for (var i = 0; i < gifts; i++)
        {
            var date = start.AddDays((int)((long)i * Days / gifts));
            var at = date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
            var withFee = i >= twoLine;
            var (amount, fee) = (3_000L + i % 7 * 500, withFee ? 100L + i % 7 * 8 : 0L);
            var charge = new Charge
            {
                SponsorshipId = sponsorshipIds[i % Sponsorships],
                PeriodStart = start.AddDays(i / Sponsorships),
                AmountMinor = amount,
                Currency = "EUR",
                FeeMinor = fee,
                Status = ChargeStatus.Succeeded,
                Gateway = "sandbox",
                FundId = fund.Id,
                GiftDate = date,
                CreatedAt = at,
                SucceededAt = at,
                ReceiptNumber = $"{date.Year}-{i:D7}",
                // Half of them settled by a payout already (in the reporting currency, EUR, at 1).
                SettledAmountMinor = i % 2 == 0 ? amount : null,
                SettledFeeMinor = i % 2 == 0 ? fee : null,
                SettledCurrency = i % 2 == 0 ? "EUR" : null,
                ExchangeRate = i % 2 == 0 ? 1m : null,
            };
            charges.Add(charge);
            entries.Add(new JournalEntry { Id = ++entryId, Date = date, Description = $"Gift from donor {i % Sponsorships}", IdempotencyKey = ChargePostings.SucceededKey(charge.Id), FundId = fund.Id, ChargeId = charge.Id, CreatedAt = at });
            journalLines.Add(new JournalLine { Id = ++lineId, JournalEntryId = entryId, AccountId = clearing, AmountMinor = amount - fee, Currency = "EUR" });
            if (withFee)
            {
                journalLines.Add(new JournalLine { Id = ++lineId, JournalEntryId = entryId, AccountId = fees, AmountMinor = fee, Currency = "EUR" });
            }

            journalLines.Add(new JournalLine { Id = ++lineId, JournalEntryId = entryId, AccountId = income, AmountMinor = -amount, Currency = "EUR" });
        }

        transaction.Commit();
        // Inserted beside the portal's context, so its running totals are built from the lines as after an upgrade.
        await provider.GetRequiredService<LedgerTotals>().RebuildAsync(cancellationToken);
        return fund;
    }
}
