using System.Net;
using Portal.Core.Donors;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Areas;

/// <summary>/donors/duplicates: pairs of likely duplicates across all donors, a page at a time, with two customers shown.</summary>
public class DuplicatePairsPagesTests
{
    [Fact]
    public async Task Pairs_of_the_same_name_and_postal_code_are_listed_a_page_at_a_time_and_in_a_csv_and_two_customers_are_shown()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var (anna, twin) = await portal.QueryAsync(async db =>
        {
            Donor Make(string email, string name, string postal, int minutes) => new()
            {
                Email = email,
                NormalizedEmail = Donor.Normalize(email),
                Name = name,
                CountryCode = "DE",
                PostalCode = postal,
                CreatedAt = start.AddMinutes(minutes),
            };
            var first = Make("anna@example.org", "Anna Müller", "10115", 0);
            var second = Make("a.mueller@example.org", "ANNA MULLER", "10115", 1);
            db.Donors.AddRange(first, second, Make("other@example.org", "Anna Müller", "80331", 2));
            // 51 more pairs, so that the list has a second page.
            for (var i = 0; i < 51; i++)
            {
                db.Donors.AddRange(
                    Make($"z{i}a@example.org", $"Zora {i:D2}", "20095", 10 + i), Make($"z{i}b@example.org", $"Zora {i:D2}", "20095", 100 + i));
            }

            db.DonorGatewayCustomers.AddRange(
                new DonorGatewayCustomer { DonorId = first.Id, Gateway = "stripe", CustomerId = "cus_A" },
                new DonorGatewayCustomer { DonorId = second.Id, Gateway = "stripe", CustomerId = "cus_B" });
            await db.SaveChangesAsync();
            return (first, second);
        });
        var care = portal.Browser();
        await care.SignInAsStaffAsync(portal, "DonorCare");

        var page = await care.TextAsync("/donors/duplicates");
        var next = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/donors/duplicates\\?after=[^\"]+)\"").Groups[1].Value;
        var second = await care.TextAsync(WebUtility.HtmlDecode(next));
        var csv = await care.TextAsync("/donors/duplicates?handler=Csv");

        Assert.Contains($"<a href=\"/donors/{anna.Id}\">Anna Müller</a>", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/donors/{twin.Id}\">ANNA MULLER</a>", page, StringComparison.Ordinal);
        Assert.Contains("Different customers: merging keeps both", page, StringComparison.Ordinal);
        Assert.DoesNotContain("other@example.org", page, StringComparison.Ordinal);
        Assert.Equal(51, System.Text.RegularExpressions.Regex.Count(page, "<tr>")); // 50 pairs and the head
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(second, "<tr>"));
        Assert.DoesNotContain(">Next page<", second, StringComparison.Ordinal);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(53, lines.Length);
        Assert.Contains(
            lines,
            l => l.StartsWith($"{anna.Id},Anna Müller,anna@example.org,{twin.Id},", StringComparison.Ordinal)
                && l.EndsWith(",yes", StringComparison.Ordinal));
    }
}
