namespace Portal.Core.Funds;

/// <summary>What the funds editor sends: every text as typed (checked by <see cref="FundRules"/>), the goal in major units.</summary>
/// <param name="Code">Only read when the fund is created: its ledger accounts are named by it.</param>
/// <param name="Presets">The sponsor form's amounts in major units, comma-separated ("25, 50, 100"); empty for the portal's.</param>
/// <param name="ChildDataConfirmed">The editor ticked "I checked: no names, exact places or faces of children".</param>
public sealed record FundInput(
    string? Name,
    string? Slug,
    string? Code,
    FundKind Kind,
    ProgramArea? Area,
    string? CountryCode,
    string? Place,
    string? Summary,
    string? Story,
    string? Currency,
    string? Goal,
    DateOnly? GoalDeadline,
    bool Featured,
    int FeaturedOrder,
    FundStatus Status,
    FundIntervals Intervals,
    IReadOnlyList<FundTranslationInput> Translations,
    bool ChildDataConfirmed,
    string? Presets = null)
{
    /// <summary>The version of the fund the editor showed; a save made meanwhile by someone else refuses this one.</summary>
    public int? Version { get; init; }
}

public sealed record FundTranslationInput(string Language, string? Name, string? Summary, string? Story);

/// <summary>A field the editor must correct (the <see cref="FundInput"/> property's name) and what to do, in English.</summary>
public sealed record FundProblem(string Field, string Message);

public abstract record FundSaveResult
{
    public sealed record Saved(Guid FundId) : FundSaveResult;

    public sealed record Invalid(IReadOnlyList<FundProblem> Problems) : FundSaveResult;

    public sealed record NotFound : FundSaveResult;
}
