using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Funds;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Pages;
using static Portal.Web.Tests.Areas.FundsEditorPageTests;

namespace Portal.Web.Tests.Areas;

/// <summary>Two editors of one fund cannot both save; a closed fund's sponsorships move to an open fund from the editor.</summary>
public class FundsEditorConcurrencyAndMoveTests
{
    [Fact]
    public async Task Of_two_editors_saving_the_same_fund_the_second_is_told_and_keeps_what_they_typed()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var first = portal.Browser();
        var second = portal.Browser();
        await first.SignInAsStaffAsync(portal, "Communications");
        await second.SignInAsStaffAsync(portal, "Admin");
        var id = await CreateAsync(first, Fields());
        var version = await portal.QueryAsync(db => db.Funds.Where(f => f.Id == id).Select(f => f.Version).SingleAsync());
        var shown = await second.TextAsync($"{Editor}/{id}");
        var mine = Fields(story: "The first editor's story.");
        mine["Input.Version"] = version.ToString(CultureInfo.InvariantCulture);
        var theirs = Fields(story: "The second editor's story.");
        theirs["Input.Version"] = version.ToString(CultureInfo.InvariantCulture);

        var saved = await first.PostAsync($"{Editor}/{id}", mine);
        var refused = await second.PostAsync($"{Editor}/{id}", theirs);

        Assert.Contains($"name=\"Input.Version\" value=\"{version}\"", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await BodyAsync(refused);
        Assert.Contains("Someone else saved this fund while you were editing it.", body, StringComparison.Ordinal);
        Assert.Contains("The second editor's story.", body, StringComparison.Ordinal);
        Assert.Contains($"name=\"Input.Version\" value=\"{version + 1}\"", body, StringComparison.Ordinal);
        Assert.Equal("The first editor's story.", await portal.QueryAsync(db => db.Funds.Where(f => f.Id == id).Select(f => f.Story).SingleAsync()));
    }

    [Fact]
    public async Task A_closed_funds_sponsorships_move_with_a_reason_once_and_a_second_click_is_refused()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        var nairobi = await portal.QueryAsync(async db =>
        {
            var fund = await db.Funds.SingleAsync(f => f.Slug == "nairobi");
            fund.Status = FundStatus.Closed;
            await db.SaveChangesAsync();
            return fund;
        });
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        var page = await comms.TextAsync($"{Editor}/{nairobi.Id}");
        var fields = new Dictionary<string, string>
        {
            ["version"] = nairobi.Version.ToString(CultureInfo.InvariantCulture),
            ["moveTo"] = "ibarra",
            ["moveReason"] = "Nairobi has closed",
        };
        var url = $"{Editor}/{nairobi.Id}";

        var otherCurrency = await comms.PostAsync(url, fields, action: $"{url}?handler=Move");
        fields["moveTo"] = "gulu";
        var moved = await comms.PostAsync(url, fields, action: $"{url}?handler=Move");
        var again = await comms.PostAsync(url, fields, action: $"{url}?handler=Move");

        Assert.Contains("1 running sponsorships give to this closed fund.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, otherCurrency.StatusCode);
        Assert.Contains("must keep its books in the same currency", await BodyAsync(otherCurrency), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains(MoveFundSponsorships.Stale, await BodyAsync(again), StringComparison.Ordinal);
        var move = await portal.QueryAsync(db => db.FundMoves.SingleAsync());
        Assert.Equal((1, "Nairobi has closed"), (move.Total, move.Reason));
        Assert.Contains("id=\"move-progress\"", await comms.TextAsync(url), StringComparison.Ordinal);
        Assert.Equal(1, await portal.QueryAsync(db => db.AuditRecords.CountAsync(r => r.Action == "fund.sponsorships-moved")));
    }
}
