using System.Text;
using Microsoft.AspNetCore.Http;

namespace Portal.FakeStripe;

/// <summary>Stripe's authentication: a missing or wrong secret key is a 401 before anything else happens.</summary>
internal static class ApiKeyCheck
{
    /// <summary>Stripe accepts the secret key as a Bearer token or as the Basic-auth user name.</summary>
    public static bool Accepts(HttpRequest request, string apiKey, out string? presented)
    {
        var header = request.Headers.Authorization.ToString();
        presented = null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = header[7..].Trim();
        }
        else if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                presented = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())).Split(':')[0];
            }
            catch (FormatException)
            {
                presented = header;
            }
        }

        return presented == apiKey;
    }
}
