using MailKit.Net.Smtp;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Portal.Core.Communications;

/// <summary>
/// Readiness of the mail transport. SMTP: the relay answers a connection, EHLO (and STARTTLS when configured) and
/// QUIT within <see cref="ProbeTimeout"/>; the answer is kept for <see cref="CacheFor"/>, so load balancers probing
/// every few seconds from every node do not hammer the relay. Mailbox: the folder takes a file. A singleton, for the cache.
/// </summary>
public sealed class MailTransportCheck(IOptions<EmailOptions> options, MailboxFolder folder, TimeProvider clock) : IHealthCheck, IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim probing = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        if (options.Value.Transport != EmailTransportKind.Smtp)
        {
            return await FolderAsync(context.Registration.FailureStatus, cancellationToken);
        }

        await probing.WaitAsync(cancellationToken);
        try
        {
            if (last is { } known && clock.GetUtcNow() - known.At < CacheFor)
            {
                return known.Result;
            }

            var result = await ProbeAsync(options.Value.Smtp, context.Registration.FailureStatus, cancellationToken);
            last = (result, clock.GetUtcNow());
            return result;
        }
        finally
        {
            probing.Release();
        }
    }

    public void Dispose() => probing.Dispose();

    private static async Task<HealthCheckResult> ProbeAsync(SmtpSettings smtp, HealthStatus failure, CancellationToken cancellationToken)
    {
        var relay = $"{smtp.Host}:{smtp.Port}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        using var client = new SmtpClient { Timeout = (int)ProbeTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host ?? "", smtp.Port, SmtpMailSession.SecurityOf(smtp.Security), timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            return HealthCheckResult.Healthy($"The relay {relay} answered EHLO ({smtp.Security}).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(failure, $"The relay {relay} did not answer within {ProbeTimeout.TotalSeconds:0} s.");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            var reason = error.Message.Length > 200 ? error.Message[..200] : error.Message;
            return new HealthCheckResult(failure, $"The relay {relay} could not be reached: {error.GetType().Name}: {reason}");
        }
    }

    private async Task<HealthCheckResult> FolderAsync(HealthStatus failure, CancellationToken cancellationToken)
    {
        var probe = Path.Combine(folder.Path, $".health-{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder.Path);
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy("The local mailbox folder is writable.");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return new HealthCheckResult(failure, $"The local mailbox folder is not writable: {error.GetType().Name}.");
        }
    }
}
