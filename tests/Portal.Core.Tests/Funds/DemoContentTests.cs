using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Ledger;
using Portal.Testing;

namespace Portal.Core.Tests.Funds;

public class DemoContentTests
{
    [Fact]
    public async Task Seeds_six_villages_in_different_countries_and_the_four_programs_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);

        var first = await services.InScopeAsync(scope => scope.GetRequiredService<SeedDemoContent>().RunAsync(CancellationToken.None));
        var second = await services.InScopeAsync(scope => scope.GetRequiredService<SeedDemoContent>().RunAsync(CancellationToken.None));

        Assert.True(first);
        Assert.False(second);
        await using var db = services.CreateContext();
        var funds = await db.Funds.ToListAsync();
        var villages = funds.Where(f => f.Kind == FundKind.Village).ToList();
        Assert.True(villages.Count >= 6);
        Assert.Equal(villages.Count, villages.Select(v => v.CountryCode).Distinct().Count());
        Assert.Equal(Enum.GetValues<ProgramArea>().Order(), funds.Where(f => f.Kind == FundKind.Program).Select(f => f.Area!.Value).Order());
        Assert.All(funds, f => Assert.True(f.GoalMinor > 0 && f.Story.Length > 100));
        Assert.Equal(funds.Count, await db.JournalEntries.CountAsync(e => e.IdempotencyKey.StartsWith("opening:")));
        Assert.Equal(0, await db.JournalLines.SumAsync(l => l.AmountMinor));
        Assert.True(await db.JournalLines.AnyAsync(l => l.Account!.Kind == AccountKind.OpeningBalance));
    }

    [Fact]
    public void Each_fund_gets_its_own_picture_the_same_at_every_start()
    {
        var funds = Enumerable.Range(0, 10).Select(i => new Fund
        {
            Slug = $"f{i}",
            Code = $"F{i}",
            Name = $"Fund <{i}> & co",
            Summary = "s",
            Story = "s",
            Currency = "EUR",
            Kind = i % 2 == 0 ? FundKind.Village : FundKind.Program,
            Area = (ProgramArea)(i % 4 + 1),
            ImageSeed = i * 7919
        }).ToList();

        var pictures = funds.Select(FundImage.Svg).ToList();

        Assert.Equal(pictures, funds.Select(FundImage.Svg));
        Assert.Equal(pictures.Count, pictures.Distinct().Count());
        foreach (var svg in pictures)
        {
            var root = XDocument.Parse(svg).Root!;
            Assert.Equal("svg", root.Name.LocalName);
            Assert.Equal("img", root.Attribute("role")!.Value);
            Assert.Contains("Fund <", root.Elements().First(e => e.Name.LocalName == "title").Value, StringComparison.Ordinal);
        }
    }
}
