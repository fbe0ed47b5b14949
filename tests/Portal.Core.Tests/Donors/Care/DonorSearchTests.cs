using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Donors.Care;

/// <summary>Donor care's one search box finds a donor by each key it names, on both databases, and nothing else.</summary>
public class DonorSearchTests
{
    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Each_kind_of_query_finds_the_donor_it_names(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var anna = await SponsorshipScenario.CreateAsync(services, email: "Anna.Mueller@Example.org");
        var other = await SponsorshipScenario.CreateAsync(services, email: "zoe@example.org");
        string reference;
        await using (var db = services.CreateContext())
        {
            var donor = await db.Donors.SingleAsync(d => d.Id == anna.DonorId);
            donor.Name = "Anna Müller";
            donor.PostalCode = "80 331";
            reference = donor.PaymentReference!;
            (await db.Donors.SingleAsync(d => d.Id == other.DonorId)).Name = "Zoë Annabel Schmidt";
            (await db.Charges.SingleAsync(c => c.SponsorshipId == anna.SponsorshipId)).ReceiptNumber = "2026-0000042";
            db.DonorGatewayCustomers.Add(new DonorGatewayCustomer { DonorId = anna.DonorId, Gateway = "stripe", CustomerId = "cus_Nf8Xk2" });
            await db.SaveChangesAsync();
        }

        async Task<List<(Guid, DonorMatch)>> Find(string query) =>
            [.. (await services.InScopeAsync(scope => scope.GetRequiredService<DonorSearch>().FindAsync(query, CancellationToken.None)))
                .Select(hit => (hit.Id, hit.Match))];

        Assert.Equal([(anna.DonorId, DonorMatch.Email)], await Find(" anna.mueller@EXAMPLE.org "));
        Assert.Equal([(anna.DonorId, DonorMatch.Email)], await Find("anna.mueller@exa"));
        Assert.Equal([(anna.DonorId, DonorMatch.Name)], await Find("müll"));
        Assert.Equal([(anna.DonorId, DonorMatch.Name)], await Find("MULLER"));
        Assert.Equal([(anna.DonorId, DonorMatch.Name)], await Find("Anna"));
        Assert.Equal([(other.DonorId, DonorMatch.Name)], await Find("schmi"));
        Assert.Equal([(other.DonorId, DonorMatch.Name)], await Find("zoe annab"));
        Assert.Equal([(anna.DonorId, DonorMatch.PostalCode)], await Find("80331"));
        Assert.Equal([(anna.DonorId, DonorMatch.ReceiptNumber)], await Find("2026-0000042"));
        Assert.Equal([(anna.DonorId, DonorMatch.PaymentReference)], await Find(PaymentReferences.Print(reference).ToLowerInvariant()));
        Assert.Equal([(anna.DonorId, DonorMatch.GatewayCustomer)], await Find("cus_Nf8Xk2"));
        Assert.Empty(await Find("nobody@example.org"));
        Assert.Empty(await Find("2026-9999999"));
        Assert.Empty(await Find("a"));
        Assert.Empty(await Find(new string('x', DonorSearch.MaxQueryLength + 1)));
    }

    [Fact]
    public async Task Donors_saved_before_the_search_keys_get_them_once_at_start_up()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);
        await using (var db = services.CreateContext())
        {
            await db.Donors.ExecuteUpdateAsync(set => set.SetProperty(d => d.SearchName, (string?)null)
                .SetProperty(d => d.SearchLastName, (string?)null).SetProperty(d => d.PaymentReference, (string?)null));
        }

        var first = await services.InScopeAsync(scope => scope.GetRequiredService<DonorSearchBackfill>().RunAsync(CancellationToken.None));
        var second = await services.InScopeAsync(scope => scope.GetRequiredService<DonorSearchBackfill>().RunAsync(CancellationToken.None));

        Assert.Equal((1, 0), (first, second));
        await using var check = services.CreateContext();
        var donor = await check.Donors.SingleAsync(d => d.Id == scenario.DonorId);
        Assert.Equal(("ada", "ada"), (donor.SearchName, donor.SearchLastName));
        Assert.Equal(donor.PaymentReference, PaymentReferences.Parse(donor.PaymentReference));
    }
}
