using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Donors.Care;
using Portal.Testing;

namespace Portal.Core.Tests.Donors.Care;

/// <summary>Pairs come a page of groups at a time along the name and postal code index, on every provider.</summary>
public class DuplicatePairsTests
{
    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Pairs_come_in_key_order_a_page_at_a_time_without_erased_or_merged_donors(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        await using (var db = services.CreateContext())
        {
            for (var i = 0; i < DuplicatePairs.PageSize + 2; i++)
            {
                db.Donors.AddRange(Make($"a{i}@example.org", $"Zoé {i:D2}", "10115", i), Make($"b{i}@example.org", $"ZOE {i:D2}", "10 115", 100 + i));
            }

            var erased = Make("c@example.org", "Ada", "1", 0);
            erased.ErasedAt = DateTime.UtcNow;
            db.Donors.AddRange(Make("d@example.org", "Ada", "1", 1), erased);
            await db.SaveChangesAsync();
        }

        var first = await services.InScopeAsync(scope => scope.GetRequiredService<DuplicatePairs>().PageAsync(null, CancellationToken.None));
        var second = await services.InScopeAsync(scope => scope.GetRequiredService<DuplicatePairs>().PageAsync(first.Next, CancellationToken.None));

        Assert.Equal(DuplicatePairs.PageSize, first.Pairs.Count);
        Assert.Equal(("Zoé 00", "ZOE 00"), (first.Pairs[0].First.Name, first.Pairs[0].Second.Name));
        Assert.Equal(["Zoé 50", "Zoé 51"], second.Pairs.Select(p => p.First.Name));
        Assert.Null(second.Next);
        Assert.DoesNotContain(first.Pairs.Concat(second.Pairs), p => p.First.Name == "Ada");
    }

    private static Donor Make(string email, string name, string postal, int minutes) => new()
    {
        Email = email,
        NormalizedEmail = Donor.Normalize(email),
        Name = name,
        CountryCode = "DE",
        PostalCode = postal,
        CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(minutes),
    };
}
