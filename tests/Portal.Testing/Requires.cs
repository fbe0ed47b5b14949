using Xunit;

namespace Portal.Testing;

/// <summary>
/// A test that needs a server (PostgreSQL, Chromium) may skip on a machine without it, never in CI: when the
/// environment variable CI is "true", a missing server fails the test instead.
/// </summary>
public static class Requires
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Available(bool available, string what)
    {
        if (available)
        {
            return;
        }

        if (InCi)
        {
            throw new InvalidOperationException($"{what} is not available, and CI=true: in CI a skipped test is a failure.");
        }

        Skip.If(true, $"{what} is not available on this machine.");
    }
}
