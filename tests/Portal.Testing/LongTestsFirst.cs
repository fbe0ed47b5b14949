using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Portal.Testing;

/// <summary>
/// Marks a test class that runs for minutes, so that <see cref="LongTestsFirst"/> starts it before the others. xunit
/// runs a few classes at a time (maxParallelThreads): a long class started last would run on alone at the end.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StartFirstAttribute : Attribute;

/// <summary>
/// Orders test classes (xunit's collections, one per class) with the <see cref="StartFirstAttribute"/> ones first and
/// the rest in xunit's own order. Use with <c>[assembly: TestCollectionOrderer(LongTestsFirst.Name, LongTestsFirst.Assembly)]</c>.
/// </summary>
public sealed class LongTestsFirst : ITestCollectionOrderer
{
    public const string Name = "Portal.Testing.LongTestsFirst";
    public const string Assembly = "Portal.Testing";

    private const string ClassCollectionPrefix = "Test collection for ";

    private readonly DefaultTestCollectionOrderer fallback = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        fallback.OrderTestCollections(testCollections).OrderBy(collection => StartsFirst(collection) ? 0 : 1);

    private static bool StartsFirst(ITestCollection collection)
    {
        if (!collection.DisplayName.StartsWith(ClassCollectionPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var type = collection.TestAssembly.Assembly.GetType(collection.DisplayName[ClassCollectionPrefix.Length..]);
        return type?.GetCustomAttributes(typeof(StartFirstAttribute)).Any() == true;
    }
}
