namespace Portal.Web.Tests.Infrastructure;

/// <summary>One portal on the fake Stripe per test class (an xunit class fixture), started on first use; see <see cref="SharedPortal"/>.</summary>
public sealed class SharedStripePortal : IAsyncLifetime
{
    private readonly Lazy<Task<StripePortal>> portal = new(StartAsync);

    public Task<StripePortal> GetAsync() => portal.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (portal.IsValueCreated && portal.Value.IsCompletedSuccessfully)
        {
            await portal.Value.Result.DisposeAsync();
        }
    }

    private static async Task<StripePortal> StartAsync()
    {
        var stripe = await StripePortal.CreateAsync();
        _ = stripe.Portal.Services;
        return stripe;
    }
}
