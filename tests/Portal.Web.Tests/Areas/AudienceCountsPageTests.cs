using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Audiences;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Pages;

namespace Portal.Web.Tests.Areas;

/// <summary>/communications shows each fund's audience as last counted, says when, and counts again on request.</summary>
public class AudienceCountsPageTests
{
    [Fact]
    public async Task The_audience_shows_once_counted_and_a_new_count_can_be_asked_for()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        var staff = portal.Browser();
        await staff.SignInAsStaffAsync(portal, "Communications");

        var before = await staff.TextAsync("/communications");
        Assert.Contains("Not counted yet", before, StringComparison.Ordinal);

        var asked = await staff.PostAsync("/communications", new Dictionary<string, string>(), action: "/communications?handler=Count");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("Counting now", await staff.TextAsync("/communications"), StringComparison.Ordinal);
        // The job the button enqueued, run as the worker would.
        await portal.Services.GetRequiredService<AudienceCounts>().CountAsync(CancellationToken.None);

        var after = await staff.TextAsync("/communications");
        Assert.Contains("Counted at", after, StringComparison.Ordinal);
        // Ada ticked impact updates and transparency reports, not appeals.
        Assert.Matches(
            @"Children's Village Nairobi</a></td><td class=""num"">1</td><td class=""num"">1</td>\s*"
            + @"<td class=""num"">1</td><td class=""num"">0</td>", after);
    }
}
