using System.Text.RegularExpressions;

namespace Portal.Core.Tests.Payments.Stripe;

/// <summary>Stripe.net is used only by the Stripe adapter; the rest of the portal is gateway-neutral.</summary>
public sealed partial class StripeBoundaryTests
{
    [Fact]
    public void No_source_outside_the_Stripe_adapter_uses_Stripe_net()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var adapter = Path.Combine(src, "Portal.Core", "Payments", "Stripe") + Path.DirectorySeparatorChar;
        var offending = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.StartsWith(adapter, StringComparison.Ordinal) && !IsBuildOutput(file))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, number: index + 1)))
            .Where(found => !found.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && StripeNet().IsMatch(found.line))
            .Select(found => $"{Path.GetRelativePath(src, found.file)}:{found.number}: {found.line.Trim()}")
            .ToList();

        Assert.True(offending.Count == 0, "Stripe.net outside Payments/Stripe:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void The_check_sees_each_way_of_naming_Stripe_net()
    {
        string[] stripeNet = ["using Stripe;", "using Stripe.Checkout;", "x is global::Stripe.Charge c", "Stripe.EventTypes.PayoutPaid"];
        string[] ours = ["using Portal.Core.Payments.Stripe;", "StripeNames.Gateway", "the Stripe.net client"];
        Assert.All(stripeNet, line => Assert.Matches(StripeNet(), line));
        Assert.All(ours, line => Assert.DoesNotMatch(StripeNet(), line));
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Portal.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Portal.sln above {AppContext.BaseDirectory}.");
    }

    // A using of the Stripe namespace, or a type named through it (Stripe.X, global::Stripe.X); not our own
    // Portal.Core.Payments.Stripe namespace, and not "Stripe.net" in prose.
    [GeneratedRegex(@"^\s*using\s+(static\s+)?(global::)?Stripe[.;]|(?<![\w.])(global::)?Stripe\.[A-Z]")]
    private static partial Regex StripeNet();
}
