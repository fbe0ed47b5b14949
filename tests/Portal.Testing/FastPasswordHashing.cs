using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Testing;

public static class FastPasswordHashing
{
    /// <summary>
    /// Hashes staff passwords with 1,000 PBKDF2 rounds instead of 100,000: every portal a test starts creates the demo
    /// staff accounts, and every staff sign-in hashes again, which made hashing a good part of the suite's time. The
    /// hash format records its rounds, so verifying works as in production.
    /// </summary>
    public static IServiceCollection AddFastPasswordHashing(this IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000);
}
