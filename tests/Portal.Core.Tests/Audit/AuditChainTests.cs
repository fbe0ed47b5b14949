using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Audit;

/// <summary>The audit chain notices a record changed, removed or slipped in behind the portal's back, and names the first.</summary>
public class AuditChainTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_sealed_chain_verifies_and_a_changed_record_is_named_as_the_first_broken(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        await WriteAsync(services, 5);
        var chain = services.Get<AuditChain>();

        Assert.Equal(5, await chain.SealAsync(CancellationToken.None));
        await WriteAsync(services, 3);
        Assert.Equal(3, await chain.SealAsync(CancellationToken.None));
        Assert.Equal(0, await chain.SealAsync(CancellationToken.None));
        await WriteAsync(services, 1);
        var intact = await chain.VerifyAsync(CancellationToken.None);
        Assert.Equal((true, 8L, 1), (intact.Intact, intact.Verified, intact.Unsealed));

        // Someone with database access softens what a record says.
        await using (var db = services.CreateContext())
        {
            var target = await db.AuditRecords.SingleAsync(r => r.ChainIndex == 4);
            await db.AuditRecords.Where(r => r.Id == target.Id).ExecuteUpdateAsync(set => set.SetProperty(r => r.Details, "nothing happened"));
        }

        var broken = await chain.VerifyAsync(CancellationToken.None);
        Assert.False(broken.Intact);
        Assert.Equal(3, broken.Verified);
        Assert.Equal(4, broken.FirstBroken!.ChainIndex);
        Assert.Contains("changed after it was sealed", broken.Problem, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_removed_record_and_a_rewritten_hash_are_caught_and_two_sealers_at_once_make_one_chain(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        await WriteAsync(services, 40);
        var chain = services.Get<AuditChain>();

        await Task.WhenAll(chain.SealAsync(CancellationToken.None), chain.SealAsync(CancellationToken.None), chain.SealAsync(CancellationToken.None));
        await chain.SealAsync(CancellationToken.None);
        Assert.Equal(
            (true, 40L),
            ((await chain.VerifyAsync(CancellationToken.None)).Intact, (await chain.VerifyAsync(CancellationToken.None)).Verified));

        await using (var db = services.CreateContext())
        {
            // A record deleted from the middle...
            await db.AuditRecords.Where(r => r.ChainIndex == 10).ExecuteDeleteAsync();
        }

        var removed = await chain.VerifyAsync(CancellationToken.None);
        Assert.Equal((false, 9L), (removed.Intact, removed.Verified));
        Assert.Contains("missing", removed.Problem, StringComparison.Ordinal);

        await using (var db = services.CreateContext())
        {
            // ...and one whose own hash was recomputed to hide an edit: the next record no longer follows it.
            var record = await db.AuditRecords.SingleAsync(r => r.ChainIndex == 3);
            record.Action = "staff.nothing";
            record.Hash = AuditChain.HashOf(record, record.PreviousHash!);
            await db.SaveChangesAsync();
        }

        var rewritten = await chain.VerifyAsync(CancellationToken.None);
        Assert.Equal((false, 3L, 4L), (rewritten.Intact, rewritten.Verified, rewritten.FirstBroken!.ChainIndex!.Value));
    }

    private static async Task WriteAsync(PortalServices services, int count)
    {
        await services.InScopeAsync(async scope =>
        {
            var audit = scope.GetRequiredService<AuditLog>();
            for (var i = 0; i < count; i++)
            {
                audit.Record("staff-1", "finance@example.org", "spending.recorded", $"spending:{i}", $"EUR {i}00", "10.0.0.1");
                services.Clock.Advance(TimeSpan.FromSeconds(1));
            }

            await scope.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        });
    }
}
