namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// Tests that run a real Hangfire server. Hangfire keeps its storage in a static (JobStorage.Current), so these run
/// alone, after the parallel tests, and never beside another portal that could swap the storage under them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireServerCollection
{
    public const string Name = "Hangfire server";
}
