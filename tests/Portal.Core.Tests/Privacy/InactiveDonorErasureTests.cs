using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Privacy;
using Portal.Core.Tests.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Privacy;

/// <summary>The retention rule erases only donors inactive for the set years, and a second run changes nothing.</summary>
public sealed class InactiveDonorErasureTests
{
    [Fact]
    public async Task Only_donors_with_no_gift_sponsorship_or_sign_in_for_the_set_years_are_erased_once()
    {
        await using var recurring = await Recurring.CreateAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Privacy:EraseInactiveAfterYears"] = "2",
        });
        var (active, _, _) = await PrivacyScenario.AddDonorAsync(recurring);
        var now = recurring.Services.Clock.GetUtcNow().UtcDateTime;
        Guid inactive, signedIn;
        await using (var db = recurring.Services.CreateContext())
        {
            var old = new Donor
            {
                Email = "old@example.org",
                NormalizedEmail = "OLD@EXAMPLE.ORG",
                Name = "Old",
                CountryCode = "AT",
                CreatedAt = now.AddYears(-3)
            };
            var recent = new Donor
            {
                Email = "seen@example.org",
                NormalizedEmail = "SEEN@EXAMPLE.ORG",
                Name = "Seen",
                CountryCode = "AT",
                CreatedAt = now.AddYears(-3)
            };
            db.Donors.AddRange(old, recent);
            db.DonorSignInTokens.Add(new DonorSignInToken
            {
                DonorId = recent.Id,
                TokenHash = new string('a', 64),
                CreatedAt = now.AddYears(-1),
                ExpiresAt = now.AddYears(-1),
                UsedAt = now.AddYears(-1),
            });
            await db.SaveChangesAsync();
            (inactive, signedIn) = (old.Id, recent.Id);
        }

        var first = await recurring.Services.Get<InactiveDonorErasure>().RunAsync(CancellationToken.None);
        var second = await recurring.Services.Get<InactiveDonorErasure>().RunAsync(CancellationToken.None);

        Assert.Equal((1, 0), (first.Erased, second.Erased));
        await using var after = recurring.Services.CreateContext();
        var erased = await after.Donors.Where(d => d.ErasedAt != null).Select(d => d.Id).ToListAsync();
        Assert.Equal([inactive], erased);
        Assert.DoesNotContain(active, erased);
        Assert.DoesNotContain(signedIn, erased);
    }
}
