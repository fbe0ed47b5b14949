using Portal.Core.Transparency;

namespace Portal.Core.Tests.Transparency;

/// <summary>The editor's warnings: names, exact places and faces are flagged; an ordinary report is not.</summary>
public class ChildDataScanTests
{
    [Fact]
    public void A_story_with_a_name_a_street_address_and_a_photo_is_flagged_for_each()
    {
        var story = "This spring we met a girl named Esperanza who lives at 12 Riverside Road with her aunt.\n\n"
            + "![Her first day](https://example.org/photo.jpg)";

        var warnings = ChildDataScan.Scan([], story);

        Assert.Contains(warnings, w => w.Kind == ChildDataKind.Name && w.Found == "Esperanza");
        Assert.Contains(warnings, w => w.Kind == ChildDataKind.Place && w.Found.Contains("12 Riverside Road", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Kind == ChildDataKind.Face);
        Assert.All(warnings, w => Assert.Equal("the stories", w.Where));
    }

    [Theory]
    [InlineData("Amani started school this year.", ChildDataKind.Name, "Amani")]
    [InlineData("A boy, Tomasz, 9, joined the football team.", ChildDataKind.Name, "Tomasz")]
    [InlineData("The house is at Hauptstraße 14 in the old town.", ChildDataKind.Place, "Hauptstraße 14")]
    [InlineData("Her family moved to plot 27 near the market.", ChildDataKind.Place, "plot 27")]
    [InlineData("The postcode is SW1A 1AA.", ChildDataKind.Place, "SW1A 1AA")]
    [InlineData("We met at -1.28638, 36.81723 by the river.", ChildDataKind.Place, "-1.28638, 36.81723")]
    [InlineData("See https://maps.google.com/?q=1,2 for the way.", ChildDataKind.Place, "maps.google.com/?q=1,2")]
    public void Each_kind_of_identifying_detail_is_found(string story, ChildDataKind kind, string found)
    {
        Assert.Contains(ChildDataScan.Scan([], story), w => w.Kind == kind && w.Found.Contains(found, StringComparison.Ordinal));
    }

    [Fact]
    public void Names_in_outcome_labels_are_found_and_an_ordinary_report_raises_nothing()
    {
        var named = ChildDataScan.Scan([new ReportOutcome("children in care", 112), new ReportOutcome("books for Wanjiru", 3)], "");
        var ordinary = ChildDataScan.Scan(
            [new ReportOutcome("children in care", 112), new ReportOutcome("school enrolment %", 97)],
            "In March, 12 children started secondary school in the region. "
                + "In 2026 the village opened a **new library**, and 40 families took part in the harvest.");

        Assert.Equal([("outcome 2", "Wanjiru")], named.Select(w => (w.Where, w.Found)));
        Assert.Empty(ordinary);
    }
}
