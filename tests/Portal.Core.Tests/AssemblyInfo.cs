using Portal.Testing;

// The charge chaos years run for minutes each: started first, they run beside the other tests instead of after them.
[assembly: TestCollectionOrderer(LongTestsFirst.Name, LongTestsFirst.Assembly)]
