// Each test starts several portal processes on two cores: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
