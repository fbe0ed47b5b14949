using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Privacy;
using Portal.Core.Tests.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Privacy;

/// <summary>A donor's export holds their data in every section and nothing of another donor, as JSON and as CSV.</summary>
public sealed class DonorDataExportTests
{
    [Fact]
    public async Task The_export_holds_the_donors_gifts_receipts_consents_and_sign_ins_and_nothing_of_another_donor()
    {
        await using var recurring = await Recurring.CreateAsync(DatabaseProvider.Sqlite);
        var (donor, email, sponsorship) = await PrivacyScenario.AddDonorAsync(recurring);
        var (_, otherEmail, otherSponsorship) = await PrivacyScenario.AddDonorAsync(recurring);
        await recurring.RunAsync();
        var charge = Assert.Single(await recurring.ChargesAsync(sponsorship));
        var otherCharge = Assert.Single(await recurring.ChargesAsync(otherSponsorship));
        Assert.NotNull(charge.ReceiptNumber);

        var json = await ExportAsync(recurring, donor, asJson: true);
        var csv = await ExportAsync(recurring, donor, asJson: false);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(email, root.GetProperty("profile")[0].GetProperty("email").GetString());
        Assert.Equal(sponsorship.ToString(), root.GetProperty("sponsorships")[0].GetProperty("id").GetString());
        Assert.Equal(charge.Id.ToString(), root.GetProperty("gifts")[0].GetProperty("id").GetString());
        Assert.Equal(charge.AmountMinor, root.GetProperty("gifts")[0].GetProperty("amountMinor").GetInt64());
        Assert.Equal(charge.ReceiptNumber, root.GetProperty("receipts")[0].GetProperty("number").GetString());
        Assert.Contains(root.GetProperty("consents").EnumerateArray(), c => c.GetProperty("kind").GetString() == "consent given"
            && c.GetProperty("topic").GetString() == "ImpactUpdates" && c.GetProperty("source").GetString() == "preferences page"
            && c.GetProperty("wording").GetString()!.Length > 0);
        Assert.Equal(1, root.GetProperty("sign-ins").GetArrayLength());
        Assert.True(root.GetProperty("emails").GetArrayLength() >= 1);
        Assert.All(root.GetProperty("emails").EnumerateArray(), m => Assert.Equal(email, m.GetProperty("to").GetString()));

        Assert.StartsWith("\uFEFFsection,item,field,value\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($"profile,1,email,{email}\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($"gifts,1,id,{charge.Id}\r\n", csv, StringComparison.Ordinal);
        foreach (var text in new[] { json, csv })
        {
            Assert.DoesNotContain(otherEmail, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(otherSponsorship.ToString(), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(otherCharge.Id.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static Task<string> ExportAsync(Recurring recurring, Guid donorId, bool asJson) =>
        recurring.Services.InScopeAsync(async scope =>
        {
            var sections = scope.GetRequiredService<DonorDataExport>().Sections(donorId);
            using var output = new MemoryStream();
            if (asJson)
            {
                await DonorDataFile.WriteJsonAsync(donorId, DateTime.UtcNow, sections, output, CancellationToken.None);
            }
            else
            {
                await DonorDataFile.WriteCsvAsync(sections, output, CancellationToken.None);
            }

            // The CSV keeps its byte-order mark so that Excel reads UTF-8: decode it as a character to see it.
            return new UTF8Encoding(false).GetString(output.ToArray());
        });
}
