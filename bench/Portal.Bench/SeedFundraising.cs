using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Ledger.Totals;
using Portal.Core.Sponsorships;

namespace Portal.Bench;

/// <summary>
/// What a federation's fundraising page reads: a sponsorship per donor across <see cref="Funds"/> funds (most active,
/// some paused, past due or cancelled, cards expiring over three years), and ten years of monthly totals per fund, as
/// the ledger's commit would have kept them. Bulk-inserted beside the change tracker; not part of any measured time.
/// </summary>
internal static class SeedFundraising
{
    public const int Funds = 50;
    private const int Years = 10;

    public static async Task RunAsync(IServiceProvider provider, Fund first, Guid[] donors, TextWriter progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var now = provider.GetRequiredService<CharityCalendar>().UtcNow;
        var today = DateOnly.FromDateTime(now);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var funds = new List<Fund> { first };
        for (var f = 2; f <= Funds; f++)
        {
            funds.Add(new Fund
            {
                Slug = $"bench-{f}",
                Code = $"BEN{f:00}",
                Name = $"Bench village {f}",
                Kind = FundKind.Village,
                CountryCode = "KE",
                Place = "Kisumu",
                Summary = "One of the benchmark's funds.",
                Story = "Its sponsors and months are made up.",
                Currency = "EUR",
                CreatedAt = now,
            });
        }

        db.Funds.AddRange(funds.Skip(1));
        await db.SaveChangesAsync(cancellationToken);
        var random = new Random(29);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            using (var rows = new BulkRows<Sponsorship>(db, connection, transaction))
            {
                for (var i = 0; i < donors.Length; i++)
                {
                    rows.Add(Sponsorship(random, donors[i], funds[i % Funds].Id, today, now));
                }

                rows.Complete();
            }

            using (var rows = new BulkRows<SponsorshipMonthTotal>(db, connection, transaction))
            {
                foreach (var row in SponsorshipMonths(random, funds, today))
                {
                    rows.Add(row);
                }

                rows.Complete();
            }

            using (var rows = new BulkRows<GiftMonthTotal>(db, connection, transaction))
            {
                foreach (var row in GiftMonths(random, funds, today))
                {
                    rows.Add(row);
                }

                rows.Complete();
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
        await db.Database.CloseConnectionAsync();
        LedgerBench.Say(progress, clock, $"{donors.Length} sponsorships and {Years} years of monthly totals of {Funds} funds");
    }

    private static Sponsorship Sponsorship(Random random, Guid donorId, Guid fundId, DateOnly today, DateTime now)
    {
        var status = random.Next(100) switch
        {
            < 80 => SponsorshipStatus.Active,
            < 85 => SponsorshipStatus.Paused,
            < 88 => SponsorshipStatus.PastDue,
            _ => SponsorshipStatus.Cancelled,
        };
        var started = now.AddDays(-random.Next(1, Years * 365));
        var expires = new DateOnly(today.Year, today.Month, 1).AddMonths(1 + random.Next(-2, 36)).AddDays(-1);
        return new Sponsorship
        {
            DonorId = donorId,
            FundId = fundId,
            AmountMinor = 1_000 * random.Next(2, 8),
            Currency = "EUR",
            Interval = random.Next(10) == 0 ? SponsorshipInterval.Yearly : SponsorshipInterval.Monthly,
            ChargeDay = 1 + random.Next(28),
            Status = status,
            Gateway = "sandbox",
            CardBrand = "visa",
            CardLast4 = "4242",
            CardExpiresOn = expires,
            NextPeriodStart = status == SponsorshipStatus.Cancelled ? null : today.AddDays(random.Next(1, 30)),
            PastDueSince = status == SponsorshipStatus.PastDue ? now.AddDays(-random.Next(1, 60)) : null,
            CancelReasonCode = status == SponsorshipStatus.Cancelled ? CancelReasons.All[random.Next(CancelReasons.All.Count)].Code : null,
            CreatedAt = started,
            StartedAt = started,
            EndedAt = status == SponsorshipStatus.Cancelled ? started.AddDays(random.Next(30, 900)) : null,
        };
    }

    private static IEnumerable<SponsorshipMonthTotal> SponsorshipMonths(Random random, List<Fund> funds, DateOnly today)
    {
        var last = new DateOnly(today.Year, today.Month, 1);
        foreach (var fund in funds)
        {
            for (var month = last.AddMonths(1 - Years * 12); month <= last; month = month.AddMonths(1))
            {
                SponsorshipMonthTotal Row(SponsorshipEventKind kind, long events, int running, long monthly, string reason = "") => new()
                {
                    FundId = fund.Id,
                    Currency = "EUR",
                    Month = month,
                    Kind = kind,
                    Reason = reason,
                    Events = events,
                    Running = running * events,
                    MonthlyMinor = monthly * events,
                };

                yield return Row(SponsorshipEventKind.Started, random.Next(150, 300), 1, 3_000);
                yield return Row(SponsorshipEventKind.Paused, random.Next(5, 20), 0, -3_000);
                yield return Row(SponsorshipEventKind.Resumed, random.Next(5, 20), 0, 3_000);
                yield return Row(SponsorshipEventKind.Ended, random.Next(5, 20), -1, -3_000);
                yield return Row(SponsorshipEventKind.Changed, random.Next(5, 40), 0, 500);
                foreach (var (code, _) in CancelReasons.All)
                {
                    yield return Row(SponsorshipEventKind.Cancelled, random.Next(5, 30), -1, -3_000, code);
                }
            }
        }
    }

    private static IEnumerable<GiftMonthTotal> GiftMonths(Random random, List<Fund> funds, DateOnly today)
    {
        var last = new DateOnly(today.Year, today.Month, 1);
        foreach (var fund in funds)
        {
            for (var month = last.AddMonths(1 - Years * 12); month <= last; month = month.AddMonths(1))
            {
                var gifts = random.Next(15_000, 20_000);
                var donors = gifts * 9 / 10;
                yield return new GiftMonthTotal
                {
                    FundId = fund.Id,
                    Currency = "EUR",
                    Month = month,
                    Gifts = gifts,
                    GrossMinor = gifts * 3_500L,
                    Donors = donors,
                    FirstTime = donors / 20,
                    YearDonors = month.Month == 1 ? donors * 8 / 10 : donors / 30,
                    Retained = month.Month == 1 ? donors * 6 / 10 : donors / 50,
                };
            }
        }
    }
}
