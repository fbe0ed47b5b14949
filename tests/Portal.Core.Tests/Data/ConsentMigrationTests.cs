using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Core.Communications.Consent;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Data;

/// <summary>
/// The migration SpecificConsentAndCardTesting on a database that holds the old single box (decision 026, "What the old
/// consent means now"): rows written into the schema just before it, by SQL as the old portal stored them, then migrated.
/// </summary>
public class ConsentMigrationTests
{
    private const string CarriedSource = "sponsor form, single box before December 2026 (carried over by decision 026)";
    private const string NoFund = "the fund you sponsored";
    private static readonly MailTopics OldBox = MailTopics.ImpactUpdates | MailTopics.TransparencyReports;

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_old_box_becomes_impact_updates_and_transparency_reports_less_opt_outs_each_with_a_record_never_appeals(
        DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateUnmigratedAsync(provider);
        await using var db = database.CreateContext();
        var old = await OldConsent.WriteAsync(db);

        await db.GetService<IMigrator>().MigrateAsync();

        var consents = await db.Donors.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.MailConsents);
        Assert.Equal(OldBox, consents[old.Ada]);
        Assert.Equal(MailTopics.ImpactUpdates, consents[old.Ben]);
        Assert.Equal(MailTopics.None, consents[old.Cleo]);
        Assert.Equal(OldBox, consents[old.Dan]);

        // One record per carried topic, with the old words naming the fund whose first gift gave the consent (Dan gave it
        // on the preferences page, with no box ticked), at the time the consent was given.
        var records = await db.ConsentRecords.AsNoTracking().ToListAsync();
        MailTopics[] both = [MailTopics.ImpactUpdates, MailTopics.TransparencyReports];
        var expected = both.Select(t => Carried(old.Ada, t, "Gulu", old.AdaConsentedAt))
            .Append(Carried(old.Ben, MailTopics.ImpactUpdates, "Nairobi", old.BenConsentedAt))
            .Concat(both.Select(t => Carried(old.Dan, t, NoFund, old.DanConsentedAt)));
        Assert.Equal(
            expected.OrderBy(r => r.DonorId).ThenBy(r => r.Topic),
            records.Select(r => (r.DonorId, r.Topic, r.Given, r.WordingId, r.Wording, r.Source, r.At)).OrderBy(r => r.DonorId).ThenBy(r => r.Topic));
        Assert.DoesNotContain(records, r => r.Topic.HasFlag(MailTopics.Appeals));

        // A sponsorship with the box ticked carries both topics in the old wording, for its first gift to record; the
        // pending one (Cleo's, not paid yet) is what matters.
        var sponsorships = await db.Sponsorships.AsNoTracking().ToDictionaryAsync(s => s.Id, s => (s.ConsentTopics, s.ConsentWordingSet));
        Assert.Equal(old.Sponsorships.Count, sponsorships.Count);
        foreach (var (id, ticked) in old.Sponsorships)
        {
            Assert.Equal(ticked ? (OldBox, ConsentWordings.LegacySponsorFormSet) : (MailTopics.None, null), sponsorships[id]);
        }

        Assert.Equal((OldBox, ConsentWordings.LegacySponsorFormSet), sponsorships[old.CleoPending]);
        var donorColumns = await ColumnsAsync(db, "Donors");
        Assert.Contains("MailConsents", donorColumns);
        Assert.DoesNotContain("UpdatesConsentedAt", donorColumns);
        Assert.DoesNotContain("MailOptOuts", donorColumns);
        Assert.DoesNotContain("ConsentToUpdates", await ColumnsAsync(db, "Sponsorships"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Migrating_down_folds_the_topics_back_into_the_single_box(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateUnmigratedAsync(provider);
        await using var db = database.CreateContext();
        var old = await OldConsent.WriteAsync(db);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync();

        await migrator.MigrateAsync(old.Before);

        // Any topic given is the old consent, dated by its earliest record (so up and down keeps the real time); the box
        // covered every topic, so a topic not given (appeals, for everyone) comes back as turned off.
        var donors = await db.Database.SqlQueryRaw<OldDonorRow>(
            """SELECT "Id", "CreatedAt", "UpdatesConsentedAt", "MailOptOuts" FROM "Donors" """).ToDictionaryAsync(d => d.Id);
        Assert.Equal(((DateTime?)old.AdaConsentedAt, (int)MailTopics.Appeals), (donors[old.Ada].UpdatesConsentedAt, donors[old.Ada].MailOptOuts));
        Assert.Equal(
            ((DateTime?)old.BenConsentedAt, (int)(MailTopics.TransparencyReports | MailTopics.Appeals)),
            (donors[old.Ben].UpdatesConsentedAt, donors[old.Ben].MailOptOuts));
        Assert.Equal(((DateTime?)null, 0), (donors[old.Cleo].UpdatesConsentedAt, donors[old.Cleo].MailOptOuts));
        Assert.Equal(((DateTime?)old.DanConsentedAt, (int)MailTopics.Appeals), (donors[old.Dan].UpdatesConsentedAt, donors[old.Dan].MailOptOuts));
        var ticked = await db.Database.SqlQueryRaw<Guid>("""SELECT "Id" AS "Value" FROM "Sponsorships" WHERE "ConsentToUpdates" = TRUE""")
            .ToListAsync();
        Assert.Equal(old.Sponsorships.Where(s => s.Value).Select(s => s.Key).Order(), ticked.Order());
        Assert.DoesNotContain("MailConsents", await ColumnsAsync(db, "Donors"));
        Assert.DoesNotContain("ConsentTopics", await ColumnsAsync(db, "Sponsorships"));
        Assert.Empty(await ColumnsAsync(db, "ConsentRecords"));
    }

    private static (Guid DonorId, MailTopics Topic, bool Given, string WordingId, string Wording, string Source, DateTime At) Carried(
        Guid donor, MailTopics topic, string fund, DateTime at)
    {
        var (id, text) = ConsentWordings.SponsorForm(ConsentWordings.LegacySponsorFormSet, topic, fund);
        return (donor, topic, true, id, text, CarriedSource, at);
    }

    /// <summary>The columns of a table as the database lists them; none when there is no such table.</summary>
    private static async Task<List<string>> ColumnsAsync(PortalDbContext db, string table) => db.Database.IsNpgsql()
        ? await db.Database.SqlQuery<string>(
            $"""SELECT column_name::text AS "Value" FROM information_schema.columns WHERE table_schema = 'public' AND table_name = {table}""")
            .ToListAsync()
        : await db.Database.SqlQuery<string>($"""SELECT "name" AS "Value" FROM pragma_table_info({table})""").ToListAsync();

    private sealed class OldDonorRow
    {
        public Guid Id { get; set; }

        public DateTime CreatedAt { get; set; }

        public DateTime? UpdatesConsentedAt { get; set; }

        public int MailOptOuts { get; set; }
    }

    /// <summary>
    /// Donors as the old portal left them: the consent time set by the first gift of a sponsorship with the box ticked
    /// (or by the preferences page), topics turned off kept as opt-outs.
    /// </summary>
    private sealed record OldConsent(
        string Before,
        Guid Ada,
        DateTime AdaConsentedAt,
        Guid Ben,
        DateTime BenConsentedAt,
        Guid Cleo,
        Guid CleoPending,
        Guid Dan,
        DateTime DanConsentedAt,
        IReadOnlyDictionary<Guid, bool> Sponsorships)
    {
        /// <summary>Migrates <paramref name="db"/> to the migration before SpecificConsentAndCardTesting and writes the rows.</summary>
        public static async Task<OldConsent> WriteAsync(PortalDbContext db)
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_SpecificConsentAndCardTesting", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);

            var gulu = await FundAsync(db, "Gulu");
            var nairobi = await FundAsync(db, "Nairobi");
            var lima = await FundAsync(db, "Lima");
            var sponsorships = new Dictionary<Guid, bool>();

            // Ada: a gift without the box first; then two boxes ticked: Nairobi's SEPA debit, started first, cleared after
            // Gulu's card payment, which gave the consent.
            var adaConsentedAt = At(2025, 2, 3, 12, 1);
            var ada = await DonorAsync(db, "Ada", At(2025, 1, 10, 9, 0), adaConsentedAt, MailTopics.None);
            sponsorships[await SponsorshipAsync(db, ada, lima, ticked: false, At(2025, 1, 10, 9, 0), At(2025, 1, 10, 9, 2))] = false;
            sponsorships[await SponsorshipAsync(db, ada, nairobi, ticked: true, At(2025, 2, 1, 8, 0), At(2025, 2, 6, 7, 30))] = true;
            sponsorships[await SponsorshipAsync(db, ada, gulu, ticked: true, At(2025, 2, 3, 12, 0), adaConsentedAt)] = true;

            // Ben consented, then turned transparency reports off.
            var benConsentedAt = At(2025, 4, 2, 10, 0).AddSeconds(5.25);
            var ben = await DonorAsync(db, "Ben", At(2025, 4, 2, 9, 58), benConsentedAt, MailTopics.TransparencyReports);
            sponsorships[await SponsorshipAsync(db, ben, nairobi, ticked: true, At(2025, 4, 2, 9, 58), benConsentedAt)] = true;

            // Cleo never consented: a paid gift without the box, and a checkout with the box ticked, not paid yet.
            var cleo = await DonorAsync(db, "Cleo", At(2025, 5, 1, 16, 0), null, MailTopics.None);
            sponsorships[await SponsorshipAsync(db, cleo, gulu, ticked: false, At(2025, 5, 1, 16, 0), At(2025, 5, 1, 16, 3))] = false;
            var cleoPending = await SponsorshipAsync(db, cleo, lima, ticked: true, At(2025, 5, 20, 11, 0), null);
            sponsorships[cleoPending] = true;

            // Dan gave no box but asked for mail on the preferences page, with appeals turned off.
            var danConsentedAt = At(2025, 6, 1, 18, 45);
            var dan = await DonorAsync(db, "Dan", At(2025, 3, 3, 8, 0), danConsentedAt, MailTopics.Appeals);
            sponsorships[await SponsorshipAsync(db, dan, lima, ticked: false, At(2025, 3, 3, 8, 0), At(2025, 3, 3, 8, 1))] = false;
            return new OldConsent(before, ada, adaConsentedAt, ben, benConsentedAt, cleo, cleoPending, dan, danConsentedAt, sponsorships);
        }

        private static DateTime At(int year, int month, int day, int hour, int minute) =>
            new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

        private static async Task<Guid> FundAsync(PortalDbContext db, string name)
        {
            var id = Guid.NewGuid();
            var slug = name.ToLowerInvariant();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Funds" ("Id", "Code", "Name", "Slug", "Summary", "Story", "Currency", "Kind", "Status", "Featured",
                    "ImageSeed", "CreatedAt")
                VALUES ({id}, {name.ToUpperInvariant()}, {name}, {slug}, {name}, {name}, 'EUR', {(int)FundKind.Village},
                    {(int)FundStatus.Open}, {false}, 1, {At(2024, 12, 1, 0, 0)})
                """);
            return id;
        }

        private static async Task<Guid> DonorAsync(PortalDbContext db, string name, DateTime createdAt, DateTime? consentedAt, MailTopics optOuts)
        {
            var id = Guid.NewGuid();
            var email = $"{name.ToLowerInvariant()}@example.org";
            var sql = consentedAt is { } at
                ? (FormattableString)$"""
                    INSERT INTO "Donors" ("Id", "Name", "Email", "NormalizedEmail", "CountryCode", "Language", "CreatedAt",
                        "UpdatesConsentedAt", "MailOptOuts")
                    VALUES ({id}, {name}, {email}, {email.ToUpperInvariant()}, 'DE', 'en', {createdAt}, {at}, {(int)optOuts})
                    """
                : $"""
                    INSERT INTO "Donors" ("Id", "Name", "Email", "NormalizedEmail", "CountryCode", "Language", "CreatedAt", "MailOptOuts")
                    VALUES ({id}, {name}, {email}, {email.ToUpperInvariant()}, 'DE', 'en', {createdAt}, {(int)optOuts})
                    """;
            await db.Database.ExecuteSqlAsync(sql);
            return id;
        }

        /// <param name="startedAt">When its first gift was paid; null while it is pending.</param>
        private static async Task<Guid> SponsorshipAsync(
            PortalDbContext db, Guid donor, Guid fund, bool ticked, DateTime createdAt, DateTime? startedAt)
        {
            var id = Guid.NewGuid();
            var status = startedAt is null ? SponsorshipStatus.Pending : SponsorshipStatus.Active;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Sponsorships" ("Id", "DonorId", "FundId", "AmountMinor", "Currency", "Interval", "ChargeDay",
                    "DedicationKind", "FeeCoverMinor", "Gateway", "Status", "Version", "ConsentToUpdates", "CreatedAt")
                VALUES ({id}, {donor}, {fund}, 2500, 'EUR', {(int)SponsorshipInterval.Monthly}, 3, {(int)DedicationKind.None}, 0,
                    'stripe', {(int)status}, 1, {ticked}, {createdAt})
                """);
            if (startedAt is { } started)
            {
                await db.Database.ExecuteSqlAsync($"""UPDATE "Sponsorships" SET "StartedAt" = {started} WHERE "Id" = {id}""");
            }

            return id;
        }
    }
}
