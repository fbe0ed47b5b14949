using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Core.Hosting;

/// <summary>
/// Section <c>DataProtection</c>: the certificate that encrypts the key ring at rest. The keys (which sign cookies,
/// antiforgery tokens and e-mailed links) live in the shared database so that every web node and worker reads the same
/// ring; outside Development each key is encrypted with this certificate's public key before it is stored, and start-up
/// refuses to run without one.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS #12 (.pfx) file with the certificate and its private key, the same file on every node.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Older certificates (comma-separated .pfx paths, same password), kept after a rotation to read older keys.</summary>
    public string? PreviousCertificatePaths { get; set; }
}

public static class KeyRing
{
    /// <summary>One key ring for every host (web and worker) in the database, encrypted with the configured certificate.</summary>
    public static void AddSharedKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyRingChecks>();
        var builder = services.AddDataProtection().SetApplicationName("Portal").PersistKeysToDbContext<PortalDbContext>();
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (string.IsNullOrWhiteSpace(options.CertificatePath) || Load(options.CertificatePath, options.CertificatePassword) is not { } current)
        {
            // Development only (KeyRingChecks stops start-up elsewhere); a file that cannot be read is named there too.
            return;
        }

        var previous = (options.PreviousCertificatePaths ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(path => Load(path, options.CertificatePassword))
            .OfType<X509Certificate2>();
        builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
        services.AddHostedService<UnprotectedKeysGuard>();
    }

    /// <summary>
    /// Keys stored in the clear (by a version before the certificate, or a node without one). Expired ones count too: a
    /// node still reads old cookies and links with an expired key.
    /// </summary>
    public static IQueryable<DataProtectionKey> Unprotected(PortalDbContext db) =>
        db.DataProtectionKeys.Where(key => key.Xml != null && !key.Xml.Contains("encryptedSecret"));

    /// <summary>
    /// Outside Development a node refuses to start while the shared ring holds a key in the clear: anyone who reads the
    /// database could forge sign-in cookies with it. <c>revoke-unprotected-keys</c> deletes them.
    /// </summary>
    private sealed class UnprotectedKeysGuard(IServiceScopeFactory scopes, IHostEnvironment environment) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (environment.IsDevelopment())
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var clear = await Unprotected(db).CountAsync(cancellationToken);
            if (clear > 0)
            {
                throw new InvalidOperationException(
                    $"The data-protection key ring in the database holds {clear} key(s) stored unencrypted, written before "
                    + "DataProtection:CertificatePath was set. Run `dotnet Portal.Web.dll revoke-unprotected-keys` once (donors and "
                    + "staff sign in again; e-mailed links signed with those keys stop working), then start the nodes.");
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The certificate with its private key, or null when the file cannot be read as one.</summary>
    internal static X509Certificate2? Load(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey && certificate.GetRSAPublicKey() is not null ? certificate : null;
        }
        catch (Exception error) when (error is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Outside Development a certificate is required, and it must open with its password and hold an RSA key.</summary>
    private sealed class KeyRingChecks(IHostEnvironment environment) : IValidateOptions<KeyRingOptions>
    {
        public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
        {
            var failures = new List<string>();
            if (string.IsNullOrWhiteSpace(options.CertificatePath))
            {
                if (!environment.IsDevelopment())
                {
                    failures.Add(
                        $"DataProtection:CertificatePath is required in the {environment.EnvironmentName} environment: the keys that sign "
                        + "cookies and links are stored in the shared database and must be encrypted there. Give every node the same "
                        + ".pfx file (README, \"Several nodes\").");
                }
            }
            else if (Load(options.CertificatePath, options.CertificatePassword) is null)
            {
                failures.Add(
                    $"DataProtection:CertificatePath '{options.CertificatePath}' cannot be read as a .pfx file with an RSA private key "
                    + "(check the file, its permissions and DataProtection:CertificatePassword).");
            }

            var previous = (options.PreviousCertificatePaths ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var path in previous.Where(path => Load(path, options.CertificatePassword) is null))
            {
                failures.Add($"DataProtection:PreviousCertificatePaths names '{path}', which cannot be read as a .pfx file with an RSA key.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
