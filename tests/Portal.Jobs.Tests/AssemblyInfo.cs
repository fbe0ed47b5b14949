// Hangfire keeps its storage in a static (JobStorage.Current): tests that start a Hangfire server run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
