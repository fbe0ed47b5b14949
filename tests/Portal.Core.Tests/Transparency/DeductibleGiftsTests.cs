using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;
using Portal.Core.Transparency.TaxStatements;
using Portal.Testing;

namespace Portal.Core.Tests.Transparency;

/// <summary>What a tax statement counts: paid less refunded, in the fiscal year of the day paid in the charity's time zone.</summary>
public class DeductibleGiftsTests
{
    private static readonly Dictionary<string, string?> FromJuly = new()
    {
        ["TaxStatements:FiscalYearStartMonth"] = "7",
        ["TaxStatements:FiscalYearStartDay"] = "1",
        ["Portal:TimeZone"] = "Europe/Vienna",
    };

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_total_is_paid_less_refunded_over_a_fiscal_year_from_July_in_Vienna_time(DatabaseProvider provider)
    {
        await using var gifts = await TaxGifts.CreateAsync(provider, FromJuly);
        var ada = await gifts.DonorAsync();
        var grace = await gifts.DonorAsync("Grace Hopper");
        // 30 June 2025 23:59 in Vienna (CEST, UTC+2): the year before. One minute later it is 1 July: this year.
        await gifts.GiftAsync(ada, new DateTime(2025, 6, 30, 21, 59, 0), 9900);
        await gifts.GiftAsync(ada, new DateTime(2025, 6, 30, 22, 0, 0), 5000);
        await gifts.GiftAsync(ada, new DateTime(2025, 12, 31, 23, 30, 0), 3000, refundedMinor: 1000);
        await gifts.GiftAsync(ada, new DateTime(2026, 2, 1, 9, 0, 0), 1500, currency: "USD");
        await gifts.GiftAsync(ada, new DateTime(2026, 3, 1, 9, 0, 0), 3000, refundedMinor: 3000);
        await gifts.GiftAsync(ada, new DateTime(2026, 3, 2, 9, 0, 0), 3000, status: ChargeStatus.Disputed);
        await gifts.GiftAsync(ada, new DateTime(2026, 3, 3, 9, 0, 0), 3000, status: ChargeStatus.Failed, returned: true);
        await gifts.GiftAsync(ada, new DateTime(2026, 6, 30, 21, 59, 0), 700);
        await gifts.GiftAsync(ada, new DateTime(2026, 6, 30, 22, 0, 0), 8800);
        await gifts.GiftAsync(grace, new DateTime(2026, 1, 15, 9, 0, 0), 4400);

        var view = await gifts.Services
            .InScopeAsync(scope => scope.GetRequiredService<TaxStatementDocuments>().ViewAsync(ada, 2025, CancellationToken.None));

        Assert.NotNull(view);
        Assert.Equal("2025/26", view.YearLabel);
        Assert.Equal((new DateOnly(2025, 7, 1), new DateOnly(2026, 7, 1)), (view.From, view.To));
        Assert.Equal([new Money(5000 + 2000 + 700, Currency.EUR), new Money(1500, Currency.USD)], view.Totals);
        Assert.Equal(
            [new DateOnly(2025, 7, 1), new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), new DateOnly(2026, 6, 30)],
            view.Gifts.Select(g => g.Date));
        Assert.Equal("Children's Village Nairobi", view.Gifts[0].FundName);
        Assert.Null(view.Number);

        var years = await gifts.Services.InScopeAsync(scope => scope.GetRequiredService<DeductibleGifts>().YearsAsync(ada, CancellationToken.None));
        Assert.Equal([2026, 2025, 2024], years);
        var donors = await gifts.Services
            .InScopeAsync(scope => scope.GetRequiredService<DeductibleGifts>().DonorsAsync(2025, CancellationToken.None));
        Assert.Equal([ada, grace], donors.Order());
    }

    [Fact]
    public void Fiscal_years_are_named_by_the_year_they_start_in()
    {
        var july = new FiscalYears(Microsoft.Extensions.Options.Options.Create(new TaxStatementOptions { FiscalYearStartMonth = 7 }));
        var calendar = new FiscalYears(Microsoft.Extensions.Options.Options.Create(new TaxStatementOptions()));

        Assert.Equal(2025, july.Of(new DateOnly(2026, 6, 30)));
        Assert.Equal(2026, july.Of(new DateOnly(2026, 7, 1)));
        Assert.Equal(2025, july.LastEnded(new DateOnly(2026, 7, 15)));
        Assert.Equal("2026", calendar.Label(2026));
        Assert.Equal("2099/00", july.Label(2099));
        Assert.Equal(2025, calendar.LastEnded(new DateOnly(2026, 1, 15)));
    }

    [Theory]
    [InlineData(2, 29)]
    [InlineData(4, 31)]
    [InlineData(13, 1)]
    public void A_start_day_that_is_missing_in_some_years_is_refused(int month, int day)
    {
        var options = new TaxStatementOptions { FiscalYearStartMonth = month, FiscalYearStartDay = day };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
            && !options.Validate(new ValidationContext(options)).Any());
    }
}
