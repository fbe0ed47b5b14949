namespace Portal.Core.Funds;

/// <summary>
/// Tells this process that what the public fund pages show has changed: a fund, its published reports, its totals or
/// its sponsors, committed by a save in this process. The web host evicts its cached public pages on it; changes made
/// by other processes (a job worker) reach them when the cached copies expire.
/// </summary>
public sealed class FundChangeFeed
{
    public event Action? Changed;

    internal void Raise() => Changed?.Invoke();
}
