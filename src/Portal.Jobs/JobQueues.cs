namespace Portal.Jobs;

/// <summary>Hangfire queues, in the order a server takes them: money first.</summary>
public static class JobQueues
{
    public const string Events = "events";
    public const string Mail = "mail";
    public const string Default = "default";

    public static string[] All { get; } = [Events, Mail, Default];
}
