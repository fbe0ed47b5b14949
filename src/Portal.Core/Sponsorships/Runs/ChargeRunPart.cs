namespace Portal.Core.Sponsorships.Runs;

/// <summary>
/// One worker process's share of a charge run. The worker that starts a run holds its first part; other workers
/// join while the run still has periods to claim, each claiming batches no other part holds. A part that stops
/// being seen (its process died) is marked abandoned, and the run ends when its last part does.
/// </summary>
public class ChargeRunPart
{
    public long Id { get; set; }

    public long RunId { get; set; }

    /// <summary>The machine and process.</summary>
    public required string Worker { get; set; }

    /// <summary>The part that started the run (and alone looks up lost answers and makes retries).</summary>
    public bool Starter { get; set; }

    public DateTime JoinedAt { get; set; }

    /// <summary>Written every few seconds while the part works; long silence means its process is gone.</summary>
    public DateTime LastSeenAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Running while it works; then Finished, Failed, Stopped (a shutdown) or Abandoned (silent too long).</summary>
    public ChargeRunStatus Status { get; set; } = ChargeRunStatus.Running;

    /// <summary>Charges this part claimed and sent.</summary>
    public int Claimed { get; set; }

    public string? Error { get; set; }
}
