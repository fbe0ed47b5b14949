using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Testing;

/// <summary>
/// Self-signed .pfx files for the data-protection key ring (DataProtection:CertificatePath), which the portal requires
/// outside Development. One file per test process is enough; <see cref="Create"/> makes another for rotation tests.
/// </summary>
public static class KeyRingCertificates
{
    public const string Password = "test-key-ring";

    private static readonly Lazy<string> Shared = new(() => Create("portal-test-keys"));

    /// <summary>The process's shared certificate file.</summary>
    public static string SharedPath => Shared.Value;

    /// <summary>Settings that give a host the shared certificate.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(string? path = null) =>
    [
        new("DataProtection:CertificatePath", path ?? SharedPath),
        new("DataProtection:CertificatePassword", Password),
    ];

    /// <summary>A new RSA certificate with its private key in a temporary .pfx file protected by <see cref="Password"/>.</summary>
    public static string Create(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", "keys");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }
}
