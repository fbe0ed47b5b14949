using Portal.Core.Hosting;

namespace Portal.Core.Sponsorships.Runs;

/// <summary>
/// One pass of the charge job: what it found due and what became of it, updated as it goes so Finance can watch a
/// run live and look back at earlier ones. Counters are progress, not truth: the charges themselves are the record.
/// </summary>
public class ChargeRun
{
    public long Id { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Updated with every batch; a run that stopped updating long ago died with its worker.</summary>
    public DateTime LastProgressAt { get; set; }

    public ChargeRunStatus Status { get; set; } = ChargeRunStatus.Running;

    /// <summary>The charity-calendar day the run charged up to.</summary>
    public DateOnly Today { get; set; }

    /// <summary>The machine and process that started it; <see cref="ChargeRunPart"/> lists every worker that took part.</summary>
    public required string Worker { get; set; }

    /// <summary><c>schedule</c> or the e-mail of the staff member who started it.</summary>
    public required string StartedBy { get; set; }

    /// <summary>Periods claimed by this run plus retries and unresolved attempts it took on.</summary>
    public int Due { get; set; }

    public int Succeeded { get; set; }

    public int Processing { get; set; }

    public int Failed { get; set; }

    public int ActionRequired { get; set; }

    /// <summary>Sent but with no answer yet (a timeout, a 5xx): left in flight for the next run to resolve.</summary>
    public int Unresolved { get; set; }

    public string? Error { get; set; }

    /// <summary>When a worker found nothing more to claim: from then on no other worker joins the run.</summary>
    public DateTime? ClaimsDoneAt { get; set; }

    public int Done => Succeeded + Processing + Failed + ActionRequired + Unresolved;

    public int Remaining => Math.Max(0, Due - Done);

    /// <summary>
    /// For the live progress: preparing until its first periods are claimed, then running; a run stopped by a shutdown
    /// ended as it should (the next run charges the rest), one abandoned by its workers did not.
    /// </summary>
    public ProgressState State => Status switch
    {
        ChargeRunStatus.Running => Due == 0 ? ProgressState.Preparing : ProgressState.Running,
        ChargeRunStatus.Finished or ChargeRunStatus.Stopped => ProgressState.Done,
        _ => ProgressState.Failed,
    };
}

public enum ChargeRunStatus
{
    Running = 0,
    Finished = 1,
    Failed = 2,
    /// <summary>Its worker stopped without finishing; the next run picked up what it left.</summary>
    Abandoned = 3,

    /// <summary>Stopped by a shutdown after sending what it had claimed and recording every answer; the next run charges the rest.</summary>
    Stopped = 4,
}
