using Portal.Core.Funds;

namespace Portal.Core.Tests.Funds;

public class FundTextTests
{
    private static readonly Fund Nairobi = new()
    {
        Slug = "nairobi",
        Code = "KEN01",
        Name = "Children's Village Nairobi",
        Summary = "Twelve houses.",
        Story = "A story.",
        Currency = "EUR",
    };

    [Fact]
    public void Each_text_falls_back_to_the_funds_own_on_its_own()
    {
        var german = new FundTranslation { Language = "de", Name = "Kinderdorf Nairobi", Summary = " ", Story = null };

        Assert.Equal(new FundText("Kinderdorf Nairobi", "Twelve houses.", "A story."), FundText.Of(Nairobi, german));
        Assert.Equal(new FundText("Children's Village Nairobi", "Twelve houses.", "A story."), FundText.Of(Nairobi, null));
    }

    [Fact]
    public void A_language_is_missing_until_name_summary_and_story_are_all_there()
    {
        FundTranslation[] saved =
        [
            new() { Language = "de", Name = "Kinderdorf", Summary = "Zwölf Häuser.", Story = "Eine Geschichte." },
            new() { Language = "fr", Name = "Village", Summary = "Douze maisons.", Story = "" },
        ];

        Assert.Equal(["fr", "es"], FundText.MissingIn(saved));
    }
}
