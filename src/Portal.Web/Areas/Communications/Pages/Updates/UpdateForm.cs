using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Communications.Pages.Updates;

/// <summary>What the author types. The audience is explicit: a fund's sponsors in chosen states, or everyone (which
/// must be confirmed with the count when sending).</summary>
public sealed class UpdateForm : IValidatableObject
{
    [Required, StringLength(200), Display(Name = "Title")]
    public string Title { get; set; } = "";

    [Required, StringLength(50_000), Display(Name = "Body (Markdown)")]
    public string Body { get; set; } = "";

    public MailTopics Topic { get; set; } = MailTopics.ImpactUpdates;

    public UpdateAudienceKind Audience { get; set; } = UpdateAudienceKind.FundSponsors;

    public Guid? FundId { get; set; }

    public bool IncludeActive { get; set; } = true;

    public bool IncludePaused { get; set; }

    public bool IncludeLapsed { get; set; }

    [Range(1, 60, ErrorMessage = "Lapsed within: between 1 and 60 months.")]
    public int? LapsedMonths { get; set; }

    public string? Language { get; set; }

    public int Version { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var text = validationContext.GetRequiredService<IStringLocalizer<StaffText>>();
        if (Audience == UpdateAudienceKind.FundSponsors && FundId is null)
        {
            yield return new ValidationResult(text["Choose the fund whose sponsors receive this update."], [nameof(FundId)]);
        }

        if (Audience == UpdateAudienceKind.FundSponsors && !IncludeActive && !IncludePaused && !IncludeLapsed)
        {
            yield return new ValidationResult(text["Choose at least one group of sponsors: active, paused or lapsed."], [nameof(IncludeActive)]);
        }

        if (IncludeLapsed && LapsedMonths is null)
        {
            yield return new ValidationResult(text["Say within how many months a sponsorship ended to count as lapsed."], [nameof(LapsedMonths)]);
        }

        if (!Enum.IsDefined(Audience))
        {
            yield return new ValidationResult(text["Choose who receives this update."], [nameof(Audience)]);
        }

        if (Topic is not (MailTopics.ImpactUpdates or MailTopics.TransparencyReports or MailTopics.Appeals))
        {
            yield return new ValidationResult(text["Choose what kind of mail this is."], [nameof(Topic)]);
        }

        if (Language is { Length: > 0 } language && !UpdateEmailText.Languages.Contains(language))
        {
            yield return new ValidationResult(
                text["Language: one of {0}, or every language.", string.Join(", ", UpdateEmailText.Languages)],
                [nameof(Language)]);
        }
    }

    public void CopyTo(ImpactUpdate update)
    {
        update.Title = Title.Trim();
        update.BodyMarkdown = Body;
        update.Topic = Topic;
        update.AudienceKind = Audience;
        // The fundraising lists (lapsed, expiring cards, past due) may be narrowed to one fund too.
        update.FundId = Audience == UpdateAudienceKind.AllDonors ? null : FundId;
        update.IncludeActive = IncludeActive;
        update.IncludePaused = IncludePaused;
        update.LapsedWithinMonths = IncludeLapsed ? LapsedMonths : null;
        update.Language = string.IsNullOrEmpty(Language) ? null : Language;
    }

    public static UpdateForm From(ImpactUpdate update) => new()
    {
        Title = update.Title,
        Body = update.BodyMarkdown,
        Topic = update.Topic,
        Audience = update.AudienceKind,
        FundId = update.FundId,
        IncludeActive = update.IncludeActive,
        IncludePaused = update.IncludePaused,
        IncludeLapsed = update.LapsedWithinMonths is not null,
        LapsedMonths = update.LapsedWithinMonths,
        Language = update.Language,
        Version = update.Version,
    };
}
