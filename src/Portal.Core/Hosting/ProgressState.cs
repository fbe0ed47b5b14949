namespace Portal.Core.Hosting;

/// <summary>
/// Where a long piece of work shown with a live progress bar stands (a charge run, an update's send). Queued and
/// preparing are not done: nothing has been counted yet, so the bar has no value until the work is running.
/// </summary>
public enum ProgressState
{
    /// <summary>Asked for; no worker has started it yet.</summary>
    Queued,

    /// <summary>Started, still counting what there is to do.</summary>
    Preparing,

    Running,

    Done,

    Failed,
}

/// <summary>The one place that says how a state is shown: its name in the progress JSON and the bar's value.</summary>
public static class ProgressStates
{
    /// <summary>The name the progress JSON carries and the page's script reads ("queued", "preparing", ...).</summary>
    public static string Name(this ProgressState state) => state.ToString().ToLowerInvariant();

    /// <summary>Still moving: the page polls while the work is in one of these states.</summary>
    public static bool IsLive(this ProgressState state) => state is ProgressState.Queued or ProgressState.Preparing or ProgressState.Running;

    /// <summary>
    /// The bar's value in percent, or null while nothing is counted (the bar is then indeterminate). Done is full
    /// whatever the counts; a run with nothing counted yet is at 0, never at 100.
    /// </summary>
    public static int? Percent(this ProgressState state, int done, int due) => state switch
    {
        ProgressState.Queued or ProgressState.Preparing => null,
        ProgressState.Done => 100,
        _ => due > 0 ? (int)Math.Min(100, 100L * done / due) : 0,
    };
}
