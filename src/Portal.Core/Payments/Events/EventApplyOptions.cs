using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Payments.Events;

/// <summary>The event appliers' settings, in section <c>Jobs</c> beside the job server's (see decision 035).</summary>
public sealed class EventApplyOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// Applier loops in each process that runs the job server; 0 leaves events to the recurring sweep. Unset: one on
    /// SQLite, two on a database server (see <see cref="AppliersOn"/>).
    /// </summary>
    [Range(0, 32)]
    public int? EventAppliers { get; set; }

    /// <summary>
    /// How many loops run on <paramref name="provider"/> when <see cref="EventAppliers"/> is not set. SQLite has one
    /// writer per process (decision 039) and each event's transaction holds it: a second loop applies no more and only
    /// takes the processors from the webhook that stores a burst (decision 041). A server's writers work side by side.
    /// </summary>
    public int AppliersOn(Data.DatabaseProvider provider) =>
        EventAppliers ?? (provider == Data.DatabaseProvider.Sqlite ? 1 : 2);

    /// <summary>How many events one claim takes.</summary>
    [Range(1, 1000)]
    public int EventBatchSize { get; set; } = 100;

    /// <summary>
    /// How many payment events an applier applies in one transaction (decisions 043 and 053): they share its commit,
    /// their reads, the ledger totals and, on SQLite, one turn at the writer. 1 applies each event in a transaction of
    /// its own. Four on every database: on SQLite the webhook's inserts wait for the transaction meanwhile (ten events
    /// doubled a delivery's p99); on a server a deadlock with another writer rolls it back and its events go one by
    /// one, and a charge run that is the victim records its batch again (decision 052). Unset or null: four (see
    /// <see cref="PerTransaction"/>), as the example settings before decision 053 wrote it.
    /// </summary>
    [Range(1, 100)]
    public int? EventsPerTransaction { get; set; }

    /// <summary>How many payment events go in one transaction: <see cref="EventsPerTransaction"/>, four when it is not set.</summary>
    public int PerTransaction => EventsPerTransaction ?? 4;

    /// <summary>How long an idle applier waits for a nudge before it looks again (events stored on other nodes).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan EventPoll { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a claim holds an event: an applier that dies leaves its events this long. Renewed as each event is
    /// started, so it must only be well above the time one event takes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan EventLease { get; set; } = TimeSpan.FromMinutes(2);
}
