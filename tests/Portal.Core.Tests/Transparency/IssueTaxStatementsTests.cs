using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PdfSharp.Pdf.IO;
using Portal.Core.Communications;
using Portal.Core.Shared;
using Portal.Core.Tests.Documents;
using Portal.Core.Transparency.TaxStatements;
using Portal.Jobs.Jobs;
using Portal.Testing;

namespace Portal.Core.Tests.Transparency;

/// <summary>The yearly job issues each donor's statement once and the outbox sends it with the PDF attached.</summary>
public class IssueTaxStatementsTests
{
    [Fact]
    public async Task The_job_run_twice_issues_each_statement_once_and_a_failing_donor_does_not_stop_the_others()
    {
        // The clock stands at 10 March 2026: the fiscal year 2025 (the calendar year, by default) has ended.
        await using var gifts = await TaxGifts.CreateAsync();
        var ada = await gifts.DonorAsync();
        var grace = await gifts.DonorAsync("Grace Hopper");
        var broken = await gifts.DonorAsync("Broken Data");
        await gifts.GiftAsync(ada, new DateTime(2025, 5, 1, 9, 0, 0), 3000);
        await gifts.GiftAsync(ada, new DateTime(2025, 6, 1, 9, 0, 0), 3000, refundedMinor: 500);
        await gifts.GiftAsync(ada, new DateTime(2026, 1, 1, 9, 0, 0), 3000);
        await gifts.GiftAsync(grace, new DateTime(2025, 12, 1, 9, 0, 0), 1000);
        await gifts.GiftAsync(broken, new DateTime(2025, 12, 1, 9, 0, 0), 1000, currency: "ZZZ");

        var job = ActivatorUtilities.CreateInstance<IssueTaxStatementsJob>(gifts.Services.Provider);
        await job.Run(CancellationToken.None);
        await job.Run(CancellationToken.None);
        var again = await gifts.Services.Get<IssueTaxStatements>().RunAsync(null, CancellationToken.None);

        await using var db = gifts.Services.CreateContext();
        var statements = await db.TaxStatements.OrderBy(s => s.Number).ToListAsync();
        Assert.Equal(2, statements.Count);
        var adas = Assert.Single(statements, s => s.DonorId == ada);
        Assert.Equal(2025, adas.FiscalYear);
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1)), (adas.From, adas.To));
        Assert.Equal("""[{"currency":"EUR","amountMinor":5500}]""", adas.TotalsJson);
        Assert.Equal(["TS-2025-000001", "TS-2025-000002"], statements.Select(s => s.Number));
        var mail = await db.OutboundEmails.Where(m => m.IdempotencyKey.StartsWith("tax-statement:")).ToListAsync();
        Assert.Equal(2, mail.Count);
        Assert.Contains(
            mail,
            m => m.IdempotencyKey == IssueTaxStatement.Key(ada, 2025) && m.Category == EmailCategory.Transactional && m.TemplateRef == adas.Id);
        Assert.Equal((0, 0), (again.Issued, again.Skipped));
        Assert.Equal(broken, Assert.Single(again.Failures).DonorId);
    }

    [Fact]
    public async Task The_statement_mail_carries_the_PDF_in_the_donors_language_also_when_sent_again_after_a_failure()
    {
        var down = TestSmtpServer.Start();
        var port = down.Port;
        await down.DisposeAsync();
        await using var gifts = await TaxGifts.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
        });
        var anna = await gifts.DonorAsync("Anna Berger", language: "de");
        await gifts.GiftAsync(anna, new DateTime(2025, 3, 1, 9, 0, 0), 5000);
        await gifts.Services.Get<IssueTaxStatements>().RunAsync(2025, CancellationToken.None);

        // The relay is down at the first send: subject and bodies are kept, the PDF is made again at the next.
        Assert.Equal(0, await gifts.Services.Get<SendQueuedEmails>().SendDueAsync(CancellationToken.None));
        gifts.Services.Clock.Advance(TimeSpan.FromMinutes(3));
        await using var smtp = TestSmtpServer.StartOn(port);
        Assert.Equal(1, await gifts.Services.Get<SendQueuedEmails>().SendDueAsync(CancellationToken.None));

        var message = Assert.Single(smtp.Messages);
        Assert.Equal("Ihre Sammelbestätigung 2025 von Children's Villages", message.Subject);
        Assert.Contains("50,00 €", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("TS-2025-000001", message.HtmlBody, StringComparison.Ordinal);
        var pdf = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("tax-statement-2025.pdf", pdf.FileName);
        Assert.Equal("application/pdf", pdf.ContentType.MimeType);
        using var content = new MemoryStream();
        await pdf.Content!.DecodeToAsync(content);
        content.Position = 0;
        using var document = PdfReader.Open(content, PdfDocumentOpenMode.Import);
        Assert.True(document.PageCount >= 1);
    }

    [Theory]
    [InlineData("fr", "fr-FR", "Votre relevé de dons 2025 à Children's Villages", "Merci pour votre soutien au cours de l'exercice 2025")]
    [InlineData("es", "es-ES", "Tu certificado de donativos 2025 a Children's Villages", "Gracias por tu apoyo en el ejercicio fiscal 2025")]
    [InlineData("pt", "en-GB", "Your 2025 statement of gifts to Children's Villages", "thank you for your support in the fiscal year 2025")]
    public async Task The_statement_is_mailed_in_the_donors_language_with_the_totals_in_its_culture(
        string language, string culture, string subject, string body)
    {
        await using var smtp = TestSmtpServer.Start();
        await using var gifts = await TaxGifts.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
        });
        var ada = await gifts.DonorAsync("Ada Lovelace", language: language);
        await gifts.GiftAsync(ada, new DateTime(2025, 3, 1, 9, 0, 0), 123456);
        await gifts.Services.Get<IssueTaxStatements>().RunAsync(2025, CancellationToken.None);

        Assert.Equal(1, await gifts.Services.Get<SendQueuedEmails>().SendDueAsync(CancellationToken.None));

        var message = Assert.Single(smtp.Messages);
        Assert.Equal(subject, message.Subject);
        Assert.Contains(body, message.TextBody, StringComparison.Ordinal);
        Assert.Contains(new Money(123456, Currency.EUR).Format(CultureInfo.GetCultureInfo(culture)), message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{culture[..2]}\">", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_year_of_gifts_runs_onto_more_pages_and_a_year_still_open_is_not_issued()
    {
        await using var gifts = await TaxGifts.CreateAsync();
        var ada = await gifts.DonorAsync("Ada Lovelace with a name long enough to need shortening on the statement's page");
        for (var day = 0; day < 80; day++)
        {
            await gifts.GiftAsync(ada, new DateTime(2025, 1, 1, 9, 0, 0).AddDays(day * 4), 1234);
        }

        var pdf = await gifts.Services
            .InScopeAsync(scope => scope.GetRequiredService<TaxStatementDocuments>().PdfAsync(ada, 2025, CancellationToken.None));
        using var document = PdfReader.Open(new MemoryStream(pdf!), PdfDocumentOpenMode.Import);
        Assert.True(document.PageCount >= 2);

        var open = await gifts.Services.Get<IssueTaxStatements>().RunAsync(2026, CancellationToken.None);
        Assert.Equal(0, open.Issued);
        await using var db = gifts.Services.CreateContext();
        Assert.False(await db.TaxStatements.AnyAsync());
    }

    [Fact]
    public async Task The_statement_pdf_is_tagged_in_the_donors_language_with_the_gifts_as_a_table_with_column_headings()
    {
        await using var gifts = await TaxGifts.CreateAsync();
        var anna = await gifts.DonorAsync("Anna Berger", language: "de");
        var ada = await gifts.DonorAsync();
        foreach (var donor in new[] { anna, ada })
        {
            await gifts.GiftAsync(donor, new DateTime(2025, 3, 1, 9, 0, 0), 5000);
            await gifts.GiftAsync(donor, new DateTime(2025, 4, 1, 9, 0, 0), 2500);
        }

        async Task<(TaggedPdf Pdf, TaxStatementView View)> ReadAsync(Guid donor) => await gifts.Services.InScopeAsync(async scope =>
        {
            var documents = scope.GetRequiredService<TaxStatementDocuments>();
            var view = (await documents.ViewAsync(donor, 2025, CancellationToken.None))!;
            var pdf = (await documents.PdfAsync(donor, 2025, CancellationToken.None))!;
            // What a PDF/UA validator checks by machine, in each language.
            Assert.Empty(Matterhorn.Check(pdf, view.Texts.Language));
            return (TaggedPdf.Read(pdf), view);
        });
        var (german, view) = await ReadAsync(anna);
        var (english, _) = await ReadAsync(ada);

        Assert.Equal(("de", "en"), (german.Language, english.Language));
        Assert.True(german.Marked, "MarkInfo /Marked true");
        Assert.True(german.DisplaysTitle, "the viewer shows the title, not the file name");
        Assert.Equal($"{view.Texts.Title} 2025", german.Title);
        Assert.True(german.FontsEmbedded);
        Assert.Equal([german.Title], german.OfType("H1").Select(h => h.Text));
        Assert.Contains(german.OfType("P"), p => p.Text.Contains("Anna Berger", StringComparison.Ordinal));

        // One table: the column headings, a row for each gift, and the total headed by its label across three columns.
        Assert.Single(german.OfType("Table"));
        var rows = german.OfType("TR").ToList();
        Assert.Equal(4, rows.Count);
        var columns = german.OfType("TH").Where(th => th.Scope == "Column").Select(th => th.Text).ToList();
        Assert.Equal([view.Texts.DateLabel, view.Texts.FundLabel, view.Texts.ReceiptLabel, view.Texts.AmountLabel], columns);
        var total = Assert.Single(german.OfType("TH"), th => th.Scope == "Row");
        Assert.Equal(3, total.ColumnSpan);
        Assert.Equal(["50,00 €", "25,00 €", "75,00 €"], german.OfType("TD").Select(td => td.Text).Where(t => t.EndsWith('€')));

        // The footer repeats on every page: an artifact, not part of what is read.
        var footer = $"{view.CharityName} · {german.Title} · {view.Texts.NotIssued} · 1";
        Assert.Contains(footer, german.ArtifactText, StringComparison.Ordinal);
        Assert.DoesNotContain(footer, german.Text, StringComparison.Ordinal);
    }
}
