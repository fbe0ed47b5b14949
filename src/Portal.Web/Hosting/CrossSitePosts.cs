using Portal.Core.Hosting;

namespace Portal.Web.Hosting;

/// <summary>
/// Whether a browser says a form was posted from another site: <c>Sec-Fetch-Site: cross-site</c>, or an <c>Origin</c>
/// that is neither this request's own nor <c>Portal:PublicBaseUrl</c>'s. The check for forms that carry no
/// anti-forgery token (the cached sponsor form); a client that sends neither header is no browser being tricked.
/// </summary>
public static class CrossSitePosts
{
    public const string Refusal = "This form can only be sent from this site. Open the fund's page here and send it from there.";

    public static bool IsFromAnotherSite(HttpRequest request, PublicUrls urls)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var from))
        {
            // "null" (a sandboxed frame, a privacy redirect) or garbage: not provably this site.
            return true;
        }

        var own = $"{request.Scheme}://{request.Host.Value}";
        return !string.Equals(from.GetLeftPart(UriPartial.Authority), own, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(
                from.GetLeftPart(UriPartial.Authority),
                urls.BaseUrl.GetLeftPart(UriPartial.Authority),
                StringComparison.OrdinalIgnoreCase);
    }
}
