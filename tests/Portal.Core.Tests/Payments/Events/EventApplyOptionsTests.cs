using System.Text;
using Microsoft.Extensions.Configuration;
using Portal.Core.Data;
using Portal.Core.Payments.Events;

namespace Portal.Core.Tests.Payments.Events;

/// <summary>
/// How many applier loops a process runs (decision 041): unset, one on SQLite (one writer per process) and two on a
/// database server; a value set in configuration is taken as it is, 0 included. How many payment events go in one
/// transaction (decision 053): four unless set, also where a settings file names it null.
/// </summary>
public class EventApplyOptionsTests
{
    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite, 1)]
    [InlineData(null, DatabaseProvider.PostgreSql, 2)]
    [InlineData(null, DatabaseProvider.SqlServer, 2)]
    [InlineData("", DatabaseProvider.Sqlite, 1)]
    [InlineData("3", DatabaseProvider.Sqlite, 3)]
    [InlineData("0", DatabaseProvider.PostgreSql, 0)]
    [InlineData("1", DatabaseProvider.SqlServer, 1)]
    public void Unset_appliers_are_one_on_sqlite_and_two_on_a_server_and_a_set_number_is_kept(
        string? configured, DatabaseProvider provider, int loops)
    {
        // Another key of the section, so that it binds when EventAppliers is absent (an empty section binds to null).
        var settings = new Dictionary<string, string?> { ["Jobs:EventBatchSize"] = "100" };
        if (configured is not null)
        {
            settings["Jobs:EventAppliers"] = configured;
        }

        var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(EventApplyOptions.Section).Get<EventApplyOptions>()!;

        Assert.Equal(loops, options.AppliersOn(provider));
    }

    [Theory]
    [InlineData("""{ "Jobs": { "EventBatchSize": 100 } }""", 4)]
    [InlineData("""{ "Jobs": { "EventsPerTransaction": null } }""", 4)]
    [InlineData("""{ "Jobs": { "EventsPerTransaction": 1 } }""", 1)]
    [InlineData("""{ "Jobs": { "EventsPerTransaction": 10 } }""", 10)]
    public void Payment_events_go_four_to_a_transaction_unless_a_number_is_set(string json, int perTransaction)
    {
        // A settings file as an operator writes it: the example settings before decision 053 wrote null.
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var options = new ConfigurationBuilder().AddJsonStream(file).Build()
            .GetSection(EventApplyOptions.Section).Get<EventApplyOptions>()!;

        Assert.Equal(perTransaction, options.PerTransaction);
    }
}
