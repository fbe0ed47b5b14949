namespace Portal.Core.Reconciliation;

/// <summary>One nightly comparison of our charges, refunds and disputes with the gateway.</summary>
public class DriftRun
{
    public long Id { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>How many days back it looked.</summary>
    public int Days { get; set; }

    public int Checked { get; set; }

    public int Repaired { get; set; }

    public string? Error { get; set; }

    public List<DriftChange> Changes { get; set; } = [];
}

/// <summary>What a drift run changed, and why: "charge 0193… was in flight; the gateway says succeeded".</summary>
public class DriftChange
{
    public long Id { get; set; }

    public long DriftRunId { get; set; }

    public required string Subject { get; set; }

    public required string Change { get; set; }

    public DateTime At { get; set; }
}
