using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Communications.Consent;
using Portal.Core.Donors;
using Portal.Core.Privacy;
using Portal.Core.Tests.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Privacy;

/// <summary>Two donors on Stripe (the fake server) who have given, changed their mail choices and signed in.</summary>
internal static class PrivacyScenario
{
    public static async Task<(Guid Donor, string Email, Guid Sponsorship)> AddDonorAsync(Recurring recurring)
    {
        var sponsorshipId = await recurring.AddAsync();
        var donor = await DonorOfAsync(recurring, sponsorshipId);
        await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<MailConsent>()
            .SetWantedAsync(donor.Id, MailTopics.ImpactUpdates, "preferences page", "en", CancellationToken.None));
        await using var db = recurring.Services.CreateContext();
        var now = recurring.Services.Clock.GetUtcNow().UtcDateTime;
        db.DonorSignInTokens.Add(new DonorSignInToken
        {
            DonorId = donor.Id,
            TokenHash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, '0'),
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(15),
            UsedAt = now.AddMinutes(1),
        });
        await db.SaveChangesAsync();
        return (donor.Id, donor.Email, sponsorshipId);
    }

    public static async Task<Donor> DonorOfAsync(Recurring recurring, Guid sponsorshipId)
    {
        await using var db = recurring.Services.CreateContext();
        var donorId = await db.Sponsorships.Where(s => s.Id == sponsorshipId).Select(s => s.DonorId).SingleAsync();
        return await db.Donors.AsNoTracking().SingleAsync(d => d.Id == donorId);
    }

    public static Task<ErasureResult> EraseAsync(Recurring recurring, Guid donorId) =>
        recurring.Services.InScopeAsync(async scope =>
        {
            var erasure = scope.GetRequiredService<DonorErasure>();
            var request = await erasure.RequestAsync(donorId, ErasureRequester.Donor(donorId), CancellationToken.None);
            return await erasure.RunAsync(request!.Id, CancellationToken.None);
        });

    public static async Task<ChainCheck> SealAndVerifyAsync(Recurring recurring)
    {
        var chain = recurring.Services.Get<AuditChain>();
        await chain.SealAsync(CancellationToken.None);
        return await chain.VerifyAsync(CancellationToken.None);
    }
}
