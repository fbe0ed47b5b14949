using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Sponsorships.CardTesting;

/// <summary>
/// Limits on declined card attempts (learned from the gateway's events), the Admin alert on a spike of them, and the
/// optional challenge on the sponsor form. Bound from <c>CardTesting</c>.
/// </summary>
public sealed class CardTestingOptions
{
    public const string Section = "CardTesting";

    /// <summary>Declines counted in one window for one browser (its checkout reference) before it may not start checkouts.</summary>
    [Range(1, 10000)]
    public int DeclinesPerSession { get; set; } = 3;

    /// <summary>Declines of one card (the gateway's fingerprint) in one window before the browsers that used it are stopped.</summary>
    [Range(1, 10000)]
    public int DeclinesPerFingerprint { get; set; } = 3;

    /// <summary>Declines on one fund's checkouts in one window before the fund takes no new checkouts until it ends.</summary>
    [Range(1, 100000)]
    public int DeclinesPerFund { get; set; } = 25;

    /// <summary>The window of the three limits above, in minutes (at most a day).</summary>
    [Range(1, 1440)]
    public int WindowMinutes { get; set; } = 60;

    /// <summary>Declines across the portal within <see cref="SpikeMinutes"/> that alert Admin (once per window).</summary>
    [Range(1, 1000000)]
    public int SpikeDeclines { get; set; } = 50;

    [Range(1, 1440)]
    public int SpikeMinutes { get; set; } = 10;

    /// <summary>The sponsor form's challenge: <c>None</c> (default), <c>Turnstile</c> or <c>HCaptcha</c>.</summary>
    public ChallengeProvider Challenge { get; set; } = ChallengeProvider.None;

    public string? ChallengeSiteKey { get; set; }

    public string? ChallengeSecretKey { get; set; }

    /// <summary>The provider's siteverify address; empty for the provider's own. Tests point it at a local server.</summary>
    public Uri? ChallengeVerifyUrl { get; set; }
}

public enum ChallengeProvider
{
    None = 0,
    Turnstile = 1,
    HCaptcha = 2,
}
