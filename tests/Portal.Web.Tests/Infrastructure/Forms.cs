using System.Net;
using System.Text.RegularExpressions;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>Fills in and posts a page's form the way a browser does: with the page's anti-forgery token.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> PostAsync(
        this HttpClient client,
        string pageUrl,
        IDictionary<string, string> fields,
        string? action = null)
    {
        var page = await client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {pageUrl} answered {(int)page.StatusCode}: {html[..Math.Min(html.Length, 3000)]}");
        var form = new Dictionary<string, string>(fields);
        // The sponsor form is the one public form without a token (decision 018); every other form has one.
        if (!pageUrl.EndsWith("/sponsor", StringComparison.Ordinal) || TokenPattern().IsMatch(html))
        {
            form["__RequestVerificationToken"] = Token(html);
        }

        return await client.PostAsync(action ?? pageUrl, new FormUrlEncodedContent(form));
    }

    public static string Token(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "the page has no anti-forgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static async Task<string> TextAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(
            response.StatusCode == HttpStatusCode.OK,
            $"GET {url} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 3000)]}");
        return body;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
