using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Privacy;

/// <summary>The <c>Privacy</c> section: how long an inactive donor's personal data is kept.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// Erase donors with no gift, no running sponsorship and no sign-in for this many years; 0 (the default) never
    /// erases on its own. Tax law keeps the money records longer, and it keeps them: only the personal data goes.
    /// </summary>
    [Range(0, 100)]
    public int EraseInactiveAfterYears { get; set; }

    /// <summary>Donors looked at per batch of the retention job.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;
}
