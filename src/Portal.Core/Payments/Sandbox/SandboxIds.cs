namespace Portal.Core.Payments.Sandbox;

/// <summary>Ids shaped like Stripe's, marked as the sandbox's.</summary>
internal static class SandboxIds
{
    public static string New(string prefix) => $"{prefix}_sandbox_{Guid.NewGuid():N}";
}
