using System.Net;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Hosting;

/// <summary>
/// Input from outside that once gave a 500: a blank route segment, and dates whose arithmetic overflows. Each now gets
/// a 404 or a 400 that says what is wrong.
/// </summary>
public class BadInputTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    [Theory]
    [InlineData("/transparency/nairobi/%20")]
    [InlineData("/transparency/nairobi/%20%20.pdf")]
    [InlineData("/transparency/%20/2026")]
    [InlineData("/funds/%20")]
    [InlineData("/funds/%20/sponsor")]
    [InlineData("/pay/%20")]
    [InlineData("/unsubscribe/%20")]
    [InlineData("/mail-preferences/%20")]
    public async Task A_blank_route_segment_is_not_found(string path)
    {
        var portal = await shared.GetAsync();

        var response = await portal.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/finance/statements?From=9999-12-31", "From")]
    [InlineData("/finance/statements?From=9999-12-31&handler=Csv", "From")]
    [InlineData("/finance/statements?To=9999-12-31", "To")]
    [InlineData("/finance/statements?To=9999-12-31&handler=Csv", "To")]
    [InlineData("/finance/statements?From=0001-01-01", "From")]
    [InlineData("/finance/statements?From=0001-01-01&handler=Csv", "From")]
    [InlineData("/finance?From=9999-12-31", "From")]
    [InlineData("/finance?To=0001-01-01&handler=Csv", "To")]
    [InlineData("/finance/spending?From=9999-12-31", "From")]
    public async Task A_date_out_of_range_is_a_bad_request_that_names_the_field(string path, string field)
    {
        var portal = await shared.GetAsync();
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        var response = await finance.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(field, text, StringComparison.Ordinal);
        Assert.Contains("between the years 1900 and 2999", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&handler=Csv")]
    public async Task A_period_that_ends_before_it_starts_is_a_bad_request(string handler)
    {
        var portal = await shared.GetAsync();
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        var response = await finance.GetAsync($"/finance/statements?From=2999-12-31&To=2000-01-01{handler}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("before its start", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_latest_plausible_dates_still_give_a_statement()
    {
        var portal = await shared.GetAsync();
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        var page = await finance.GetAsync("/finance/statements?fund=nairobi&From=2999-12-01");
        var csv = await finance.GetAsync("/finance/statements?fund=nairobi&From=2999-12-01&To=2999-12-31&handler=Csv");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
    }
}
