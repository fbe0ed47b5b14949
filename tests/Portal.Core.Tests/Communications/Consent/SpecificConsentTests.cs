using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Consent;
using Portal.Core.Data;
using Portal.Core.Tests.Payments.Events;

namespace Portal.Core.Tests.Communications.Consent;

/// <summary>Consent is given and withdrawn per topic, each change recorded with its wording, time and source.</summary>
public class SpecificConsentTests
{
    [Fact]
    public async Task The_sponsor_form_gives_only_the_ticked_topics_once_paid_with_the_words_shown()
    {
        await using var seeded = await MoneyPath.SeededAsync(DatabaseProvider.Sqlite);
        var services = seeded.Services;
        var (_, session) = await MoneyPath.StartAsync(services);
        await using (var db = services.CreateContext())
        {
            Assert.Empty(await db.ConsentRecords.ToListAsync());
        }

        await MoneyPath.PayAsync(services, session);
        await MoneyPath.ApplyAllAsync(services);

        await using var after = services.CreateContext();
        var donor = await after.Donors.SingleAsync();
        Assert.Equal(MailTopics.ImpactUpdates | MailTopics.TransparencyReports, donor.MailConsents);
        var records = await services.InScopeAsync(s => s.GetRequiredService<MailConsent>().HistoryAsync(donor.Id, CancellationToken.None));
        Assert.Equal([MailTopics.ImpactUpdates, MailTopics.TransparencyReports], records.Select(r => r.Topic).Order());
        Assert.All(records, r => Assert.True(r.Given));
        Assert.All(records, r => Assert.Equal("sponsor form /funds/nairobi/sponsor", r.Source));
        var impact = records.Single(r => r.Topic == MailTopics.ImpactUpdates);
        Assert.Equal("sponsor-form.v1.impact-updates", impact.WordingId);
        var shown = ConsentWordings.SponsorForm(ConsentWordings.SponsorFormSet, MailTopics.ImpactUpdates, "Children's Village Nairobi");
        Assert.Equal(shown.Text, impact.Wording);
        Assert.Contains("Children's Village Nairobi uses its money", impact.Wording, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawing_one_topic_leaves_the_others_and_the_audiences_follow()
    {
        await using var seeded = await MoneyPath.SeededAsync(DatabaseProvider.Sqlite);
        var services = seeded.Services;
        var (_, session) = await MoneyPath.StartAsync(services);
        await MoneyPath.PayAsync(services, session);
        await MoneyPath.ApplyAllAsync(services);
        Guid donorId;
        await using (var db = services.CreateContext())
        {
            donorId = (await db.Donors.SingleAsync()).Id;
            Assert.Equal(1, await MailConsent.Reachable(db, MailTopics.ImpactUpdates).CountAsync());
            Assert.Equal(1, await MailConsent.Reachable(db, MailTopics.TransparencyReports).CountAsync());
            Assert.Equal(0, await MailConsent.Reachable(db, MailTopics.Appeals).CountAsync());
        }

        services.Clock.Advance(TimeSpan.FromDays(3));
        await services.InScopeAsync(s => s.GetRequiredService<MailConsent>()
            .SetWantedAsync(donorId, MailTopics.TransparencyReports | MailTopics.Appeals, "test page", "en", CancellationToken.None));

        await using var after = services.CreateContext();
        Assert.Equal(0, await MailConsent.Reachable(after, MailTopics.ImpactUpdates).CountAsync());
        Assert.Equal(1, await MailConsent.Reachable(after, MailTopics.TransparencyReports).CountAsync());
        Assert.Equal(1, await MailConsent.Reachable(after, MailTopics.Appeals).CountAsync());
        var records = await services.InScopeAsync(s => s.GetRequiredService<MailConsent>().HistoryAsync(donorId, CancellationToken.None));
        Assert.Equal(4, records.Count);
        var changed = records.Where(r => r.Source == "test page").ToList();
        Assert.Equal(2, changed.Count);
        Assert.Contains(changed, r => r is { Topic: MailTopics.ImpactUpdates, Given: false, WordingId: "preferences.impact-updates.v1" });
        Assert.Contains(changed, r => r is { Topic: MailTopics.Appeals, Given: true, WordingId: "preferences.appeals.v1" });
        Assert.All(changed, r => Assert.Equal(services.Clock.GetUtcNow().UtcDateTime, r.At));
    }
}
