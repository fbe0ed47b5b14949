using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Testing;

namespace Portal.Core.Tests.Donors;

/// <summary>A donor session is open until it is revoked, one at a time or all of a donor's at once; last-seen is written sparingly.</summary>
public class DonorSessionsTests
{
    [Fact]
    public async Task A_session_is_open_until_revoked_and_only_for_its_donor()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        var ada = await AddDonorAsync(services, "ada@example.org");
        var bob = await AddDonorAsync(services, "bob@example.org");
        var session = await Sessions(services, s => s.StartAsync(ada, "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0", CancellationToken.None));

        Assert.True(await Sessions(services, s => s.IsActiveAsync(session, ada, CancellationToken.None)));
        Assert.False(await Sessions(services, s => s.IsActiveAsync(session, bob, CancellationToken.None)));
        Assert.False(await Sessions(services, s => s.IsActiveAsync(Guid.NewGuid(), ada, CancellationToken.None)));
        Assert.Equal(1, await Sessions(services, s => s.RevokeAsync(session, CancellationToken.None)));
        Assert.False(await Sessions(services, s => s.IsActiveAsync(session, ada, CancellationToken.None)));
        Assert.Equal(0, await Sessions(services, s => s.RevokeAsync(session, CancellationToken.None)));
        await using var db = services.CreateContext();
        Assert.Equal("Firefox on Windows", (await db.DonorSessions.SingleAsync()).UserAgent);
    }

    [Fact]
    public async Task Revoking_all_of_a_donors_sessions_leaves_other_donors_signed_in()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        var ada = await AddDonorAsync(services, "ada@example.org");
        var bob = await AddDonorAsync(services, "bob@example.org");
        var phone = await Sessions(services, s => s.StartAsync(ada, null, CancellationToken.None));
        var laptop = await Sessions(services, s => s.StartAsync(ada, null, CancellationToken.None));
        var bobs = await Sessions(services, s => s.StartAsync(bob, null, CancellationToken.None));

        Assert.Equal(2, await Sessions(services, s => s.RevokeAllAsync(ada, CancellationToken.None)));

        Assert.False(await Sessions(services, s => s.IsActiveAsync(phone, ada, CancellationToken.None)));
        Assert.False(await Sessions(services, s => s.IsActiveAsync(laptop, ada, CancellationToken.None)));
        Assert.True(await Sessions(services, s => s.IsActiveAsync(bobs, bob, CancellationToken.None)));
        Assert.Empty(await Sessions(services, s => s.OpenAsync(ada, CancellationToken.None)));
    }

    [Fact]
    public async Task Last_seen_is_written_only_when_it_is_some_minutes_old()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        var ada = await AddDonorAsync(services, "ada@example.org");
        var session = await Sessions(services, s => s.StartAsync(ada, null, CancellationToken.None));
        var started = services.Clock.GetUtcNow().UtcDateTime;

        services.Clock.Advance(TimeSpan.FromMinutes(1));
        await Sessions(services, s => s.IsActiveAsync(session, ada, CancellationToken.None));
        var soon = await LastSeenAsync(services);
        services.Clock.Advance(DonorSessions.TouchInterval);
        await Sessions(services, s => s.IsActiveAsync(session, ada, CancellationToken.None));

        Assert.Equal(started, soon, TimeSpan.FromMilliseconds(1));
        Assert.Equal(services.Clock.GetUtcNow().UtcDateTime, await LastSeenAsync(services), TimeSpan.FromMilliseconds(1));
    }

    private static async Task<DateTime> LastSeenAsync(PortalServices services)
    {
        await using var db = services.CreateContext();
        return (await db.DonorSessions.SingleAsync()).LastSeenAt;
    }

    private static Task<T> Sessions<T>(PortalServices services, Func<DonorSessions, Task<T>> work) =>
        services.InScopeAsync(scope => work(scope.GetRequiredService<DonorSessions>()));

    private static async Task<Guid> AddDonorAsync(PortalServices services, string email)
    {
        await using var db = services.CreateContext();
        var donor = new Donor { Email = email, NormalizedEmail = Donor.Normalize(email), Name = "Ada", CountryCode = "GB" };
        db.Donors.Add(donor);
        await db.SaveChangesAsync();
        return donor.Id;
    }
}
