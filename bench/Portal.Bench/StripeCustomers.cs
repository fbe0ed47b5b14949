using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Portal.Bench;

/// <summary>One customer per donor at the fake (<c>POST /v1/customers</c>), created before latency is switched on.</summary>
internal static class StripeCustomers
{
    public static async Task<string[]> CreateAsync(FakeStripeProcess stripe, int count, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(stripe.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", stripe.ApiKey);
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions
        {
            MaxDegreeOfParallelism = 16,
            CancellationToken = cancellationToken
        }, async (i, token) =>
        {
            using var form = new FormUrlEncodedContent([new("email", string.Create(CultureInfo.InvariantCulture, $"donor{i}@bench.invalid"))]);
            using var response = await http.PostAsync(new Uri("/v1/customers", UriKind.Relative), form, token);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(token);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: token);
            ids[i] = json.RootElement.GetProperty("id").GetString()!;
        });
        return ids;
    }
}
