using Microsoft.Extensions.Options;

namespace Portal.Core.Hosting;

/// <summary>
/// Absolute addresses for links that leave the request: e-mail, gateway redirects. The configured
/// <c>Portal:PublicBaseUrl</c> wins; in Development the web host supplies the address it listens on.
/// </summary>
public sealed class PublicUrls(IOptions<PortalOptions> options)
{
    private Uri? fallback;

    public Uri BaseUrl =>
        options.Value.PublicBaseUrl is { Length: > 0 } configured
            ? new Uri(configured.TrimEnd('/') + "/")
            : fallback ?? throw new InvalidOperationException("Portal:PublicBaseUrl is not set and the server has not reported its address yet.");

    public void UseListeningAddress(Uri address) => fallback ??= new Uri(address.GetLeftPart(UriPartial.Authority) + "/");

    /// <summary>The absolute URL of a path inside the portal ("account/sign-in" or "/account/sign-in").</summary>
    public Uri To(string pathAndQuery) => new(BaseUrl, pathAndQuery.TrimStart('/'));
}
