using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Updates;

namespace Portal.Core.Tests.Communications.Updates;

/// <summary>Scheduling and calling off a send: only a draft is sent, and a send that has started cannot be called off.</summary>
public class UpdateDeskTests
{
    [Fact]
    public async Task A_send_that_started_cannot_be_called_off_and_a_sent_update_cannot_be_sent_again()
    {
        await using var scenario = await UpdateScenario.CreateAsync();
        await scenario.DonorAsync("ada@example.org");
        var update = await scenario.UpdateAsync(change: u => u.Status = UpdateStatus.Draft);
        var at = scenario.Services.Clock.GetUtcNow().UtcDateTime.AddHours(1);

        var scheduled = await DeskAsync(
            scenario,
            desk => desk.ScheduleAsync(update.Id, update.Version, at, -1, "staff", "comms@example.org", CancellationToken.None));
        var stale = await DeskAsync(
            scenario,
            desk => desk.ScheduleAsync(update.Id, update.Version, at, -1, "staff", "comms@example.org", CancellationToken.None));
        var version = (await scenario.ReloadAsync(update.Id)).Version;
        scenario.Services.Clock.Advance(TimeSpan.FromHours(1));
        await scenario.RunJobAsync();
        var late = await DeskAsync(scenario, desk => desk.CancelAsync(update.Id, version, "staff", "comms@example.org", CancellationToken.None));
        var current = (await scenario.ReloadAsync(update.Id)).Version;
        var again = await DeskAsync(
            scenario,
            desk => desk.ScheduleAsync(update.Id, current, at, -1, "staff", "comms@example.org", CancellationToken.None));

        Assert.Null(scheduled);
        Assert.Contains("Someone else changed this update", stale, StringComparison.Ordinal);
        Assert.Contains("can be called off", late, StringComparison.Ordinal);
        Assert.Contains("only a draft can be sent", again, StringComparison.Ordinal);
        Assert.Equal(["ada@example.org"], scenario.Recipients());
        Assert.Equal(UpdateStatus.Sent, (await scenario.ReloadAsync(update.Id)).Status);
    }

    private static Task<string?> DeskAsync(UpdateScenario scenario, Func<UpdateDesk, Task<string?>> act) =>
        scenario.Services.InScopeAsync(scope => act(scope.GetRequiredService<UpdateDesk>()));
}
