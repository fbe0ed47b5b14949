using Hangfire;
using Portal.Core.Donors;

namespace Portal.Jobs.Jobs;

/// <summary>Works the recorded sign-in link requests. Safe to run twice at once: each request is deleted as it is worked.</summary>
public sealed class SendSignInLinksJob(DonorSignIn signIn)
{
    [Queue(JobQueues.Mail)]
    [AutomaticRetry(Attempts = 0)]
    public Task Run(CancellationToken cancellationToken) => signIn.SendRequestedLinksAsync(cancellationToken);
}
