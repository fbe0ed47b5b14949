using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Shared;
using Portal.Core.Tests.Documents;
using Portal.Core.Transparency;
using Portal.Testing;

namespace Portal.Core.Tests.Transparency;

/// <summary>Publishing needs the child-data confirmation; with it, it is recorded, audited, and announced once.</summary>
public class PublishTransparencyReportTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Without_the_confirmation_publishing_is_refused_and_with_it_it_is_recorded_and_announced_once(DatabaseProvider provider)
    {
        await using var seeded = await ReportScenario.SeededAsync(provider);
        var services = seeded.Services;
        await ReportScenario.BuildAsync(services, ReportScenario.Q1);
        var draft = await ReportScenario.NairobiAsync(services);

        var refused = await ReportScenario.PublishAsync(services, draft.Id, confirmed: false);

        Assert.Equal(PublishTransparencyReport.ConfirmationRequired, refused);
        var unchanged = await ReportScenario.NairobiAsync(services);
        Assert.Equal((ReportStatus.Draft, (DateTime?)null, (string?)null), (unchanged.Status, unchanged.ChildDataConfirmedAt, unchanged.PublishedBy));
        await using (var db = services.CreateContext())
        {
            Assert.False(await db.ImpactUpdates.AnyAsync());
        }

        Assert.Null(await ReportScenario.PublishAsync(services, draft.Id, confirmed: true));
        Assert.Null(await ReportScenario.PublishAsync(services, draft.Id, confirmed: true));

        var published = await ReportScenario.NairobiAsync(services);
        var now = services.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(
            (ReportStatus.Published, "comms@example.org", "comms@example.org"),
            (published.Status, published.ChildDataConfirmedBy, published.PublishedBy));
        Assert.Equal(now, published.ChildDataConfirmedAt);
        Assert.Equal(now, published.PublishedAt);
        await using var check = services.CreateContext();
        Assert.Equal(["transparency.child-data-confirmed", "transparency.published"],
            await check.AuditRecords.Where(a => a.Subject == draft.Id.ToString()).OrderBy(a => a.Action).Select(a => a.Action).ToListAsync());
        var update = Assert.Single(await check.ImpactUpdates.ToListAsync());
        Assert.Equal(
            (MailTopics.TransparencyReports, UpdateAudienceKind.FundSponsors, draft.FundId, true, true),
            (update.Topic, update.AudienceKind, update.FundId, update.IncludeActive, update.IncludePaused));
        Assert.Equal(
            (UpdateStatus.Scheduled, now, "comms@example.org", "comms@example.org", draft.Id),
            (update.Status, update.ScheduledFor, update.CreatedBy, update.SentBy, update.TransparencyReportId));
        Assert.Contains("http://portal.test/transparency/nairobi/2026-q1", update.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains("Gifts received: €60.00", update.BodyMarkdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de", "de-DE", "Children's Village Nairobi: So wurden Ihre Spenden im Zeitraum Q1 2026 eingesetzt", "Erhaltene Spenden",
        "Transparenzbericht")]
    [InlineData("fr", "fr-FR", "Children's Village Nairobi : comment vos dons ont été utilisés en T1 2026", "Dons reçus",
        "rapport de transparence")]
    [InlineData("es", "es-ES", "Children's Village Nairobi: cómo se emplearon tus donativos en T1 2026", "Donativos recibidos",
        "informe de transparencia")]
    public async Task The_announcement_and_the_pdf_are_in_the_readers_language(
        string language, string culture, string subject, string gifts, string pdfTitle)
    {
        await using var seeded = await ReportScenario.SeededAsync(DatabaseProvider.Sqlite);
        var services = seeded.Services;
        await ReportScenario.BuildAsync(services, ReportScenario.Q1);
        var draft = await ReportScenario.NairobiAsync(services);
        Assert.Null(await ReportScenario.PublishAsync(services, draft.Id, confirmed: true));
        await using var db = services.CreateContext();
        var update = await db.ImpactUpdates.SingleAsync();
        var fund = await db.Funds.SingleAsync(f => f.Id == draft.FundId);

        var stencil = await services.InScopeAsync(scope =>
            scope.GetRequiredService<UpdateStencils>().RenderAsync(update, language, update.FundId, CancellationToken.None));
        var english = await services.InScopeAsync(scope =>
            scope.GetRequiredService<UpdateStencils>().RenderAsync(update, "en", update.FundId, CancellationToken.None));
        var pdf = TransparencyReportPdf.Render(await ReportScenario.NairobiAsync(services), fund, CultureInfo.GetCultureInfo(culture));

        var format = CultureInfo.GetCultureInfo(culture);
        Assert.Equal(subject, stencil.Subject);
        Assert.Contains($"{gifts}: {new Money(6000, Currency.EUR).Format(format)}", stencil.Text, StringComparison.Ordinal);
        Assert.Contains("http://portal.test/transparency/nairobi/2026-q1", stencil.Html, StringComparison.Ordinal);
        Assert.Equal((update.Title, "en"), (english.Subject, english.Language));
        Assert.Contains("Gifts received: €60.00", english.Text, StringComparison.Ordinal);
        using var read = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        Assert.Contains(pdfTitle, read.Info.Title, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_published_report_renders_as_a_pdf(DatabaseProvider provider)
    {
        await using var seeded = await ReportScenario.SeededAsync(provider);
        var services = seeded.Services;
        await ReportScenario.BuildAsync(services, ReportScenario.Q1);
        var report = await ReportScenario.NairobiAsync(services);
        await using var db = services.CreateContext();
        var fund = await db.Funds.SingleAsync(f => f.Id == report.FundId);
        report.Stories = string.Join(
            "\n\n",
            Enumerable.Repeat("The new classroom opened in March and the library lent its first books to the older pupils.", 60));

        var pdf = TransparencyReportPdf.Render(report, fund, System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        using var read = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        Assert.True(read.PageCount >= 2, $"{read.PageCount} pages: the long stories should run onto a second page");
        Assert.Contains("Nairobi", read.Info.Title, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_report_pdf_is_tagged_in_the_readers_language_with_the_stories_markdown_headings_as_headings(DatabaseProvider provider)
    {
        await using var seeded = await ReportScenario.SeededAsync(provider);
        var services = seeded.Services;
        await ReportScenario.BuildAsync(services, ReportScenario.Q1);
        var report = await ReportScenario.NairobiAsync(services);
        await using var db = services.CreateContext();
        var fund = await db.Funds.SingleAsync(f => f.Id == report.FundId);
        var paragraph = "The new classroom opened in March and the library lent its first books to the older pupils.";
        report.Stories = "## A new classroom\n\n" + string.Join("\n\n", Enumerable.Repeat(paragraph, 40))
            + "\n\n### The library\n\n- *first* books lent\n- a reading corner, see [our page](https://example.org/library)\n";

        var germanPdf = TransparencyReportPdf.Render(report, fund, System.Globalization.CultureInfo.GetCultureInfo("de-DE"));
        var englishPdf = TransparencyReportPdf.Render(report, fund, System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        // What a PDF/UA validator checks by machine, in both languages; the rest of the test reads what it cannot judge.
        Assert.Empty(Matterhorn.Check(germanPdf, "de"));
        Assert.Empty(Matterhorn.Check(englishPdf, "en"));
        var german = TaggedPdf.Read(germanPdf);
        var english = TaggedPdf.Read(englishPdf);

        Assert.Equal(("de", "en"), (german.Language, english.Language));
        Assert.True(german.Marked, "MarkInfo /Marked true");
        Assert.True(german.DisplaysTitle, "the viewer shows the title, not the file name");
        Assert.Contains("Nairobi", german.Title, StringComparison.Ordinal);
        Assert.True(german.FontsEmbedded);
        Assert.True(german.PageCount >= 2, $"{german.PageCount} pages: the stories run onto a second page");
        Assert.Equal([german.Title], german.OfType("H1").Select(h => h.Text));
        Assert.Equal("Document", german.Elements[0].Type);

        // The stories' Markdown headings are headings, not "##" text; the sections' own headings are H2 as well.
        var sections = german.OfType("H2").Select(h => h.Text).ToList();
        Assert.True(sections.Count >= 4, string.Join(" | ", sections));
        Assert.Contains("A new classroom", sections);
        Assert.Equal(["The library"], german.OfType("H3").Select(h => h.Text));
        Assert.DoesNotContain("#", german.Text, StringComparison.Ordinal);
        Assert.Contains("A new classroom", german.Text, StringComparison.Ordinal);
        Assert.Equal(40, german.OfType("P").Count(p => p.Text == paragraph));
        Assert.Equal(
            ["first books lent", "a reading corner, see our page (https://example.org/library)"],
            german.OfType("LBody").Select(b => b.Text));
        Assert.Equal(["•", "•"], german.OfType("Lbl").Select(l => l.Text));

        // Money in and out: a table whose rows are headed by their label; the amounts in the reader's culture.
        Assert.NotEmpty(german.OfType("Table"));
        var headers = german.OfType("TH").ToList();
        Assert.NotEmpty(headers);
        Assert.All(headers, th => Assert.Equal("Row", th.Scope));
        Assert.Contains(german.OfType("TD"), td => td.Text == "60,00 €");

        // The spending chart is one figure; its alternative text reads each category's amount.
        var chart = Assert.Single(german.OfType("Figure"));
        Assert.Contains("140,00 €", chart.Alt, StringComparison.Ordinal);
        Assert.Contains("15,50 €", chart.Alt, StringComparison.Ordinal);
        Assert.Contains("140.00", Assert.Single(english.OfType("Figure")).Alt, StringComparison.Ordinal);
    }
}
