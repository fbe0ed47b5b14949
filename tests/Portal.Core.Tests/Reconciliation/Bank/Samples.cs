namespace Portal.Core.Tests.Reconciliation.Bank;

/// <summary>The sample statements beside these tests, copied to the output folder.</summary>
internal static class Samples
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Reconciliation", "Bank", "Samples", name));
}
