using System.Net;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Localization;

/// <summary>
/// The Communications, Admin, donor care and staff sign-in pages read their texts from StaffText.resx (English only, decision 030):
/// every key they ask for is there, no view keeps English text written between its tags, and their models' validation
/// messages come through it too.
/// </summary>
public class StaffTextTests
{
    /// <summary>Words that may stand in a view as they are: names and codes, not sentences.</summary>
    private static readonly HashSet<string> AllowedWords = ["UTC", "CSV"];

    /// <summary>The folders of the staff pages that read StaffText.</summary>
    private static IEnumerable<string> Folders =>
    [
        Path.Combine(ResourceFiles.RepositoryRoot(), "src", "Portal.Web", "Areas", "Communications", "Pages"),
        Path.Combine(ResourceFiles.RepositoryRoot(), "src", "Portal.Web", "Areas", "Admin", "Pages"),
        Path.Combine(ResourceFiles.RepositoryRoot(), "src", "Portal.Web", "Areas", "Donors", "Pages"),
        Path.Combine(ResourceFiles.RepositoryRoot(), "src", "Portal.Web", "Pages", "Staff"),
    ];

    [Fact]
    public void Every_text_the_staff_pages_ask_for_is_in_the_staff_resource()
    {
        var root = ResourceFiles.RepositoryRoot();
        var neutral = ResourceFiles.Read(Path.Combine(root, "src", "Portal.Web", "Resources", "StaffText.resx"));
        var used = Folders.SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs*", SearchOption.AllDirectories))
            .SelectMany(file => ResourceCompletenessTests.UsedKeys(File.ReadAllText(file))
                .Select(key => (File: Path.GetRelativePath(root, file), Key: key)))
            .ToList();

        Assert.True(used.Count > 300, $"only {used.Count} texts found: does the scan still match how pages ask for texts?");
        var missing = used.Where(use => !neutral.ContainsKey(use.Key))
            .Select(use => $"{use.File}: \"{use.Key}\" is not in StaffText.resx").ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Staff_views_write_no_english_text_between_their_tags()
    {
        var root = ResourceFiles.RepositoryRoot();
        var literals = Folders.SelectMany(folder => Directory.EnumerateFiles(folder, "*.cshtml", SearchOption.AllDirectories))
            .Where(file => !Path.GetFileName(file).StartsWith("_View", StringComparison.Ordinal))
            .SelectMany(file => ViewLiterals.Texts(File.ReadAllText(file), AllowedWords)
                .Select(text => $"{Path.GetRelativePath(root, file)}: \"{text}\""))
            .ToList();

        Assert.True(literals.Count == 0, string.Join(Environment.NewLine, literals));
    }

    [Fact]
    public async Task The_staff_models_validation_messages_come_through_the_staff_resource()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        var signIn = await portal.Browser().PostAsync("/staff/login", new Dictionary<string, string> { ["Input.Email"] = "" });
        var update = await comms.PostAsync("/communications/updates/edit", new Dictionary<string, string>
        {
            ["Input.Title"] = "Roofs",
            ["Input.Body"] = "Twelve roofs are new.",
            ["Input.Topic"] = MailTopics.ImpactUpdates.ToString(),
            ["Input.Audience"] = UpdateAudienceKind.FundSponsors.ToString(),
            ["Input.IncludeActive"] = "true",
            ["Input.Version"] = "0",
        });

        // A data annotation (the model's [Required]) and an IValidatableObject message (which asks the request's services).
        Assert.Contains("Enter your e-mail address.", WebUtility.HtmlDecode(await signIn.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
        Assert.Contains(
            "Choose the fund whose sponsors receive this update.",
            WebUtility.HtmlDecode(await update.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
    }
}
