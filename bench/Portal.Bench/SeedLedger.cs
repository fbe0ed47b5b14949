using System.Globalization;
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
/// its three-line entry (clearing, fee, gift) or, to make the count come out, a two-line one without a fee, from
/// <c>donors</c> monthly sponsors in turn. Half the charges are settled. Inserted table by table in one transaction
/// (prepared inserts on SQLite, binary COPY on PostgreSQL), then the running totals rebuilt from them; not part of
/// any measured time.
/// </summary>
internal static class SeedLedger
{
    private const int Days = 730;

    public static async Task<Fund> RunAsync(
        IServiceProvider provider,
        int lines,
        CancellationToken cancellationToken,
        int donors = 10_000,
        TextWriter? progress = null)
    {
        var today = provider.GetRequiredService<CharityCalendar>().Today;
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var fund = await db.Funds.AsNoTracking().SingleAsync(f => f.Code == "KEN01", cancellationToken);
        var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
        var (clearingRef, feesRef, incomeRef) = (new AccountRef(AccountKind.GatewayClearing, Currency
            .EUR), new AccountRef(AccountKind.FundFees, Currency.EUR, owner), new AccountRef(AccountKind.FundIncome, Currency.EUR, owner));
        // The fund's accounts, made as the portal makes them: by posting to them.
        await scope.ServiceProvider.GetRequiredService<Journal>().PostAsync(new JournalDraft(today.AddDays(-Days), "Bench: first gift", "bench:first",
            [DraftLine.Debit(clearingRef, new Money(2_900, Currency.EUR)), DraftLine.Debit(feesRef, new Money(100, Currency.EUR)), DraftLine.Credit(
                incomeRef,
                new Money(3_000, Currency.EUR))], fund.Id), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var accounts = await db.Accounts.Where(a => a.Currency == "EUR" && (a.FundId == fund.Id || a.Kind == AccountKind.GatewayClearing))
            .ToDictionaryAsync(a => a.Kind, a => a.Id, cancellationToken);
        var (clearing, fees, income) = (accounts[AccountKind.GatewayClearing], accounts[AccountKind.FundFees], accounts[AccountKind.FundIncome]);
        var remaining = lines - await db.JournalLines.CountAsync(cancellationToken);
        var twoLine = remaining % 3 == 0 ? 0 : remaining % 3 == 2 ? 1 : 2;
        var gifts = (remaining - 2 * twoLine) / 3 + twoLine;
        if (remaining < 4)
        {
            throw new InvalidOperationException($"The demo funds already have {lines - remaining} lines: ask for more.");
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var start = today.AddDays(-Days);
        var sponsorshipIds = new Guid[donors];
        using (var donorRows = new BulkRows<Donor>(db, connection, transaction))
        {
            for (var i = 0; i < donors; i++)
            {
                var email = DonorEmail(i);
                var donor = new Donor
                {
                    Id = DonorId(i),
                    Email = email,
                    NormalizedEmail = Donor.Normalize(email),
                    Name = $"Donor {i}",
                    CountryCode = "AT",
                    CreatedAt = DateTime.UtcNow
                };
                donorRows.Add(donor);
            }

            donorRows.Complete();
        }

        using (var sponsorships = new BulkRows<Sponsorship>(db, connection, transaction))
        {
            for (var i = 0; i < donors; i++)
            {
                var sponsorship = new Sponsorship
                {
                    DonorId = DonorId(i),
                    FundId = fund.Id,
                    AmountMinor = 3_000,
                    Currency = "EUR",
                    Interval = SponsorshipInterval.Monthly,
                    ChargeDay = 1,
                    Status = SponsorshipStatus.Active,
                    Gateway = "sandbox",
                    NextPeriodStart = today,
                    CreatedAt = DateTime.UtcNow
                };
                sponsorships.Add(sponsorship);
                sponsorshipIds[i] = sponsorship.Id;
            }

            sponsorships.Complete();
        }

        progress?.WriteLine($"seeded {donors} donors and sponsorships; {gifts} gifts to go");
        var chargeIds = new Guid[gifts];
        using (var charges = new BulkRows<Charge>(db, connection, transaction))
        {
            for (var i = 0; i < gifts; i++)
            {
                var (date, amount, fee) = Gift(i, gifts, twoLine, start);
                var at = date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
                var charge = new Charge
                {
                    SponsorshipId = sponsorshipIds[i % donors],
                    PeriodStart = start.AddDays(i / donors),
                    AmountMinor = amount,
                    Currency = "EUR",
                    FeeMinor = fee,
                    Status = ChargeStatus.Succeeded,
                    Gateway = "sandbox",
                    FundId = fund.Id,
                    GiftDate = date,
                    CreatedAt = at,
                    SucceededAt = at,
                    ReceiptNumber = $"{date.Year}-{i:D8}",
                    // Half of them settled by a payout already (in the reporting currency, EUR, at 1).
                    SettledAmountMinor = i % 2 == 0 ? amount : null,
                    SettledFeeMinor = i % 2 == 0 ? fee : null,
                    SettledCurrency = i % 2 == 0 ? "EUR" : null,
                    ExchangeRate = i % 2 == 0 ? 1m : null,
                };
                charges.Add(charge);
                chargeIds[i] = charge.Id;
            }

            charges.Complete();
        }

        progress?.WriteLine("seeded the charges");
        var firstEntry = await db.JournalEntries.MaxAsync(e => e.Id, cancellationToken) + 1;
        var firstLine = await db.JournalLines.MaxAsync(l => l.Id, cancellationToken) + 1;
        using (var entries = new BulkRows<JournalEntry>(db, connection, transaction))
        {
            for (var i = 0; i < gifts; i++)
            {
                var (date, _, _) = Gift(i, gifts, twoLine, start);
                entries.Add(new JournalEntry
                {
                    Id = firstEntry + i,
                    Date = date,
                    Description = $"Gift from donor {i % donors}",
                    IdempotencyKey = ChargePostings.SucceededKey(chargeIds[i]),
                    FundId = fund.Id,
                    ChargeId = chargeIds[i],
                    CreatedAt = date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc)
                });
            }

            entries.Complete();
        }

        progress?.WriteLine("seeded the journal entries");
        var lineId = firstLine;
        using (var journalLines = new BulkRows<JournalLine>(db, connection, transaction))
        {
            for (var i = 0; i < gifts; i++)
            {
                var (_, amount, fee) = Gift(i, gifts, twoLine, start);
                journalLines.Add(new JournalLine
                {
                    Id = lineId++,
                    JournalEntryId = firstEntry + i,
                    AccountId = clearing,
                    AmountMinor = amount - fee,
                    Currency = "EUR"
                });
                if (fee != 0)
                {
                    journalLines.Add(
                        new JournalLine { Id = lineId++, JournalEntryId = firstEntry + i, AccountId = fees, AmountMinor = fee, Currency = "EUR" });
                }

                journalLines.Add(
                    new JournalLine { Id = lineId++, JournalEntryId = firstEntry + i, AccountId = income, AmountMinor = -amount, Currency = "EUR" });
            }

            journalLines.Complete();
        }

        await transaction.CommitAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            // Ids were given explicitly: the identity sequences carry on after them, and the planner learns the tables.
            await db.Database.ExecuteSqlRawAsync(
                "SELECT setval(pg_get_serial_sequence('\"JournalEntries\"', 'Id'), (SELECT MAX(\"Id\") FROM \"JournalEntries\")); " +
                "SELECT setval(pg_get_serial_sequence('\"JournalLines\"', 'Id'), (SELECT MAX(\"Id\") FROM \"JournalLines\")); ANALYZE;",
                cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
        }

        progress?.WriteLine("seeded the journal lines; rebuilding the running totals from them");
        // Inserted beside the portal's context, so its running totals are built from the lines as after an upgrade.
        await provider.GetRequiredService<LedgerTotals>().RebuildAsync(cancellationToken);
        return fund;
    }

    /// <summary>The donor of sponsorship <paramref name="i"/>: a fixed id, so a benchmark can sign in as one.</summary>
    public static Guid DonorId(int i) => new(i, 0x0b, 0x0c, 0, 0, 0, 0, 0, 0, 0, 1);

    public static string DonorEmail(int i) => string.Create(CultureInfo.InvariantCulture, $"donor{i}@bench.invalid");

    private static (DateOnly Date, long Amount, long Fee) Gift(int i, int gifts, int twoLine, DateOnly start)
    {
        var withFee = i >= twoLine;
        return (start.AddDays((int)((long)i * Days / gifts)), 3_000L + i % 7 * 500, withFee ? 100L + i % 7 * 8 : 0L);
    }
}
