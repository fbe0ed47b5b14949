using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Receipts;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;

namespace Portal.Bench;

/// <summary>
/// N donors with varied European names (accents, double names, <c>ß</c>), unique addresses, postal codes of their
/// country and unique payment references, bulk-inserted in one transaction (prepared inserts on SQLite, binary COPY
/// on PostgreSQL). Each row is a <see cref="Donor"/> built with its setters, so its search keys are the portal's own.
/// One of them, "Hélène Müllenbach", gives monthly to one fund and has 200 succeeded gifts, each posted to the ledger
/// and numbered as the portal does. Not part of any measured time.
/// </summary>
internal static class SeedDonors
{
    public const int MinimumDonors = 10;
    public const int Gifts = 200;

    /// <summary>A 4-letter last-name prefix, typed as staff type it: the gift donor's last name sorts first under it.</summary>
    public const string NamePrefix = "Müll";

    private const string GiftDonorName = "Hélène Müllenbach";
    private const string ReferenceAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private static readonly string[] FirstNames =
    [
        "Anna", "Hélène", "José", "François", "Zoë", "Jürgen", "Björn", "Søren", "Łukasz", "Inés", "Ángel", "Chloé", "Maël", "Renée",
        "Mónica", "Joaquín", "Sophie", "Léa", "Noé", "Élodie", "Jérôme", "Andrés", "María", "Lucía", "Sofía", "Martín", "Iñigo",
        "Begoña", "Raúl", "Nuria", "Thomas", "Stefan", "Günter", "Jörg", "Käthe", "Ursula", "Lena", "Felix", "Lukas", "Jonas",
        "Marie", "Paul", "Max", "Emma", "Mia", "Hannah", "Clara", "Niklas", "Tobias", "Sabine", "Grégoire", "Amélie", "Camille",
        "Théo", "Inès", "Manon", "Benoît", "Cécile", "Agnès", "Gaëlle", "Olga", "Piotr", "Agnieszka", "Małgorzata", "Tomáš", "Jiří",
        "Dana", "Eva", "Peter", "John", "Siobhán", "Seán", "Aoife", "Niamh", "Ole", "Åsa", "Øystein", "Pål", "Liv", "Ingrid",
    ];

    private static readonly string[] MiddleNames = ["Maria", "Luise", "Josef", "Marie", "Carmen", "Antoine", "Elisabeth", "José", "Sophie"];

    private static readonly string[] LastNames =
    [
        "Müller", "García", "Lefèvre", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger",
        "Hofmann", "Hartmann", "Lange", "Weiß", "Groß", "Köhler", "König", "Böhm", "Jäger", "Krämer", "Günther", "Möller", "Fuchs",
        "Martínez", "Rodríguez", "López", "Sánchez", "Pérez", "Martín", "González", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
        "Romero", "Gutiérrez", "Navarro", "Domínguez", "Vázquez", "Jiménez", "Núñez", "Ibáñez", "Suárez", "Gómez", "Fernández",
        "Martin", "Bernard", "Dubois", "Durand", "Moreau", "Laurent", "Lefebvre", "Leroy", "Roux", "Fournier", "Girard", "Bonnet",
        "Rousseau", "Mercier", "Guérin", "Chevalier", "François", "Clément", "Noël", "Rivière", "Gérard", "Benoît", "Ménard",
        "Prévost", "Lévêque", "Étienne", "Barthélemy", "Le Goff", "Da Silva", "Nowak", "Kowalski", "Wójcik", "Dvořák", "Novák",
        "Horváth", "O'Brien", "Ó Súilleabháin", "Østergaard", "Sørensen", "Åberg", "Brontë", "Straße", "Mullins", "Muldoon",
    ];

    private static readonly (string Country, string Language, string[] Cities, Func<Random, string> PostalCode)[] Countries =
    [
        ("DE", "de", ["Berlin", "München", "Köln", "Düsseldorf", "Lübeck", "Görlitz"], r => Digits(r, 5)),
        ("AT", "de", ["Wien", "Graz", "Linz", "Innsbruck", "Klagenfurt am Wörthersee"], r => Digits(r, 4)),
        ("CH", "de", ["Zürich", "Genève", "Bern", "Neuchâtel"], r => Digits(r, 4)),
        ("FR", "fr", ["Paris", "Lyon", "Besançon", "Orléans", "Nîmes", "Angoulême"], r => Digits(r, 5)),
        ("BE", "fr", ["Liège", "Bruxelles", "Namur", "Gent"], r => Digits(r, 4)),
        ("ES", "es", ["Madrid", "Málaga", "Córdoba", "A Coruña", "Cádiz", "León"], r => Digits(r, 5)),
        ("NL", "en", ["Amsterdam", "Utrecht", "Den Haag"], r => Digits(r, 4) + " " + Letters(r, 2)),
        ("GB", "en", ["London", "Leeds", "Bristol"], r => Letters(r, 2) + Digits(r, 1) + " " + Digits(r, 1) + Letters(r, 2)),
        ("PL", "en", ["Kraków", "Łódź", "Gdańsk"], r => Digits(r, 2) + "-" + Digits(r, 3)),
    ];

    private static readonly string[] Domains = ["gmx", "web", "gmail", "outlook", "orange", "free", "aon", "bluewin", "telefonica", "posteo"];

    /// <summary>The donors the benchmark looks for.</summary>
    public sealed record Targets(
        Guid GiftDonorId, string GiftDonorEmail, string GiftDonorReference, Guid EmailDonorId, string Email, Guid ReferenceDonorId, string Reference);

    public static async Task<Targets> RunAsync(IServiceProvider provider, int donors, TextWriter progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var now = provider.GetRequiredService<CharityCalendar>().UtcNow;
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var fund = new Fund
        {
            Slug = "bench",
            Code = "BEN01",
            Name = "Bench village",
            Kind = FundKind.Village,
            CountryCode = "KE",
            Place = "Kisumu",
            Summary = "The benchmark's one fund.",
            Story = "Every gift of the benchmark's donors goes here.",
            Currency = "EUR",
            CreatedAt = now,
        };
        db.Funds.Add(fund);
        await db.SaveChangesAsync(cancellationToken);

        var random = new Random(17);
        var (giftIndex, emailIndex, referenceIndex) = (donors / 4, donors / 2, donors * 3 / 4);
        Donor? gift = null, byEmail = null, byReference = null;
        var ids = new Guid[donors];
        // Each donor's last gift within the last two and a half years: about two in five lapsed, as the lists read them.
        var lastGifts = new Random(23);
        var today = DateOnly.FromDateTime(now);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            using (var rows = new BulkRows<Donor>(db, connection, transaction))
            {
                for (var i = 0; i < donors; i++)
                {
                    var donor = NewDonor(random, i, i == giftIndex ? GiftDonorName : null, now);
                    donor.LastGiftOn = today.AddDays(-lastGifts.Next(0, 900));
                    ids[i] = donor.Id;
                    rows.Add(donor);
                    if (i == giftIndex)
                    {
                        gift = donor;
                    }
                    else if (i == emailIndex)
                    {
                        byEmail = donor;
                    }
                    else if (i == referenceIndex)
                    {
                        byReference = donor;
                    }

                    if ((i + 1) % 100_000 == 0)
                    {
                        LedgerBench.Say(progress, clock, $"{i + 1} donors");
                    }
                }

                rows.Complete();
            }

            await transaction.CommitAsync(cancellationToken);
        }

        LedgerBench.Say(progress, clock, $"{donors} donors inserted; analysing");
        await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
        await db.Database.CloseConnectionAsync();
        await SeedFundraising.RunAsync(provider, fund, ids, progress, cancellationToken);
        await GiveAsync(scope.ServiceProvider, fund, gift!, cancellationToken);
        LedgerBench.Say(progress, clock, $"{GiftDonorName} has {Gifts} gifts");
        return new Targets(gift!.Id, gift.Email, gift.PaymentReference!, byEmail!.Id, byEmail.Email, byReference!.Id, byReference.PaymentReference!);
    }

    /// <summary>A monthly sponsorship that has paid its last <see cref="Gifts"/> months, each gift posted and numbered.</summary>
    private static async Task GiveAsync(IServiceProvider services, Fund fund, Donor donor, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<PortalDbContext>();
        var journal = services.GetRequiredService<Journal>();
        var today = services.GetRequiredService<CharityCalendar>().Today;
        var month = new DateOnly(today.Year, today.Month, 1);
        var first = month.AddMonths(1 - Gifts);
        var sponsorship = new Sponsorship
        {
            DonorId = donor.Id,
            FundId = fund.Id,
            AmountMinor = 3_000,
            Currency = "EUR",
            Interval = SponsorshipInterval.Monthly,
            ChargeDay = 1,
            Status = SponsorshipStatus.Active,
            Gateway = "sandbox",
            NextPeriodStart = month.AddMonths(1),
            CreatedAt = At(first),
            StartedAt = At(first),
        };
        db.Sponsorships.Add(sponsorship);
        var posted = new List<(Charge Charge, JournalEntry Entry)>(Gifts);
        for (var period = first; period <= month; period = period.AddMonths(1))
        {
            var charge = new Charge
            {
                SponsorshipId = sponsorship.Id,
                PeriodStart = period,
                AmountMinor = sponsorship.AmountMinor,
                Currency = "EUR",
                FeeMinor = 67,
                FeeIsEstimate = true,
                Status = ChargeStatus.Succeeded,
                Gateway = sponsorship.Gateway,
                FundId = fund.Id,
                GiftDate = period,
                PaymentIntentId = $"sandbox_pi_{Guid.NewGuid():N}",
                CreatedAt = At(period),
                AttemptedAt = At(period),
                SucceededAt = At(period),
            };
            db.Charges.Add(charge);
            var entry = await journal.PostAsync(
                ChargePostings.Succeeded(charge, fund, new Money(67, Currency.EUR), period, $"Gift from {donor.Name} to {fund.Name}"),
                cancellationToken);
            posted.Add((charge, entry));
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (charge, entry) in posted)
        {
            // As the receipt mail numbers a gift: its entry's year and id.
            charge.ReceiptNumber = ReceiptView.Number(entry.Date, entry.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static DateTime At(DateOnly date) => date.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);

    private static Donor NewDonor(Random random, int i, string? name, DateTime now)
    {
        var (country, language, cities, postalCode) = Countries[random.Next(Countries.Length)];
        var first = FirstNames[random.Next(FirstNames.Length)];
        // Common names more often than rare ones, as in a real file.
        var last = LastNames[(int)(LastNames.Length * Math.Pow(random.NextDouble(), 1.6))];
        name ??= random.Next(100) switch
        {
            < 10 => $"{first} {MiddleNames[random.Next(MiddleNames.Length)]} {last}",
            < 17 => $"{first} {last} {LastNames[random.Next(LastNames.Length)]}",
            < 20 => $"{first} {last}-{LastNames[random.Next(LastNames.Length)]}",
            _ => $"{first} {last}",
        };
        var folded = DonorSearchKeys.Fold(name).Split(' ');
        var email = string.Create(
            CultureInfo.InvariantCulture, $"{folded[0]}.{string.Join("", folded[1..])}{i}@{Domains[random.Next(Domains.Length)]}.invalid");
        var city = cities[random.Next(cities.Length)];
        return new Donor
        {
            Email = email,
            NormalizedEmail = Donor.Normalize(email),
            Name = name,
            CountryCode = country,
            Language = language,
            PostalCode = postalCode(random),
            City = city,
            AddressLine = string.Create(CultureInfo.InvariantCulture, $"{LastNames[random.Next(LastNames.Length)]}weg {1 + random.Next(120)}"),
            Phone = random.Next(3) == 0 ? string.Create(CultureInfo.InvariantCulture, $"+49 30 {random.Next(1_000_000, 9_999_999)}") : null,
            PaymentReference = Reference(i),
            CreatedAt = now.AddMinutes(-random.Next(10 * 365 * 24 * 60)),
        };
    }

    /// <summary>A donor's reference as the portal makes one ("D" and ten characters), from a bijection of i so none repeats.</summary>
    private static string Reference(int i)
    {
        // 31^10 keys; the multiplier is prime to 31, so i → i·k mod 31^10 is one-to-one and the references look random.
        const ulong Keys = 819_628_286_980_801;
        var value = (ulong)((UInt128)(ulong)i * 98_765_432_101UL % Keys);
        Span<char> body = stackalloc char[11];
        body[0] = 'D';
        for (var c = 10; c >= 1; c--)
        {
            body[c] = ReferenceAlphabet[(int)(value % (ulong)ReferenceAlphabet.Length)];
            value /= (ulong)ReferenceAlphabet.Length;
        }

        return PaymentReferences.Create(new string(body));
    }

    private static string Digits(Random random, int count) =>
        random.Next((int)Math.Pow(10, count)).ToString(new string('0', count), CultureInfo.InvariantCulture);

    private static string Letters(Random random, int count) =>
        string.Create(count, random, (span, r) =>
        {
            for (var c = 0; c < span.Length; c++)
            {
                span[c] = (char)('A' + r.Next(26));
            }
        });
}
