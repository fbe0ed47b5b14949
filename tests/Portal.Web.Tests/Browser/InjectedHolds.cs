using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;
using Portal.Core.Communications;
using Portal.Core.Data;
using Portal.Core.Payments;
using Portal.Core.Payments.Sandbox;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// Where a test holds a long job (<see cref="Hold"/>): the database before a command (writing into a table, say), the sandbox
/// gateway before it charges a saved card, the mail relay before it takes an update's message. Nothing else is changed:
/// the job itself runs as in production, on its Hangfire worker.
/// </summary>
public static class InjectedHolds
{
    /// <summary>Holds every insert into <paramref name="table"/> (the SQLite portal's contexts).</summary>
    public static IServiceCollection HoldInserts(this IServiceCollection services, string table, Hold hold) =>
        services.HoldCommands(sql => sql.Contains($"INSERT INTO \"{table}\"", StringComparison.Ordinal), hold);

    /// <summary>Holds every database command whose SQL <paramref name="matches"/> (the SQLite portal's contexts).</summary>
    public static IServiceCollection HoldCommands(this IServiceCollection services, Func<string, bool> matches, Hold hold) =>
        services.ConfigureDbContext<SqlitePortalDbContext>(options => options.AddInterceptors(new HeldCommands(matches, hold)));

    /// <summary>Holds each charge of a saved card at the sandbox gateway.</summary>
    public static IServiceCollection HoldCharges(this IServiceCollection services, Hold hold)
    {
        services.RemoveAll<IPaymentGateway>();
        return services.AddSingleton<IPaymentGateway>(provider => new HeldGateway(provider.GetRequiredService<SandboxGateway>(), hold));
    }

    /// <summary>Holds each message of a bulk send (an update's) at the relay; single messages (receipts) pass.</summary>
    public static IServiceCollection HoldBulkMail(this IServiceCollection services, Hold hold)
    {
        var relay = services.Last(s => s.ServiceType == typeof(IMailTransport));
        services.Remove(relay);
        services.AddSingleton(relay.ImplementationType!);
        return services.AddSingleton<IMailTransport>(
            provider => new HeldRelay((IMailTransport)provider.GetRequiredService(relay.ImplementationType!), hold));
    }

    private sealed class HeldCommands(Func<string, bool> matches, Hold hold) : DbCommandInterceptor
    {
        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await PassAsync(command, cancellationToken);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await PassAsync(command, cancellationToken);
            return result;
        }

        private Task PassAsync(DbCommand command, CancellationToken cancellationToken) =>
            matches(command.CommandText) ? hold.PassAsync(cancellationToken) : Task.CompletedTask;
    }

    private sealed class HeldGateway(IPaymentGateway sandbox, Hold hold) : IPaymentGateway
    {
        public string Name => sandbox.Name;

        public async Task<OffSessionChargeResult> ChargeSavedMethodAsync(OffSessionChargeRequest request, CancellationToken cancellationToken)
        {
            await hold.PassAsync(cancellationToken);
            return await sandbox.ChargeSavedMethodAsync(request, cancellationToken);
        }

        public Task<CheckoutCreation> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken) =>
            sandbox.CreateCheckoutAsync(request, cancellationToken);

        public Task<PaymentLookup> GetPaymentAsync(string paymentIntentId, CancellationToken cancellationToken) =>
            sandbox.GetPaymentAsync(paymentIntentId, cancellationToken);

        public Task<PaymentLookup?> FindOffSessionChargeAsync(OffSessionChargeRequest request, CancellationToken cancellationToken) =>
            sandbox.FindOffSessionChargeAsync(request, cancellationToken);

        public Task<CheckoutCreation> CreateSetupCheckoutAsync(SetupCheckoutRequest request, CancellationToken cancellationToken) =>
            sandbox.CreateSetupCheckoutAsync(request, cancellationToken);

        public Task<SetupLookup> GetSetupAsync(string setupIntentId, CancellationToken cancellationToken) =>
            sandbox.GetSetupAsync(setupIntentId, cancellationToken);

        public Task<CustomerDeletion> DeleteCustomerAsync(string customerId, string idempotencyKey, CancellationToken cancellationToken) =>
            sandbox.DeleteCustomerAsync(customerId, idempotencyKey, cancellationToken);
    }

    private sealed class HeldRelay(IMailTransport relay, Hold hold) : IMailTransport
    {
        public Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
            relay.SendAsync(message, cancellationToken);

        public IMailSession OpenSession() => new Session(relay.OpenSession(), hold);

        private sealed class Session(IMailSession session, Hold hold) : IMailSession
        {
            public async Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
            {
                await hold.PassAsync(cancellationToken);
                return await session.SendAsync(message, cancellationToken);
            }

            public ValueTask DisposeAsync() => session.DisposeAsync();
        }
    }
}
