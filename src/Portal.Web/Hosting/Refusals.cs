using Microsoft.EntityFrameworkCore;
using Portal.Core.Ledger;
using Portal.Core.Payments.Stripe;

namespace Portal.Web.Hosting;

/// <summary>A domain refusal as staff read it: the status code, what happened, and the next step.</summary>
public sealed record Refusal(int Status, string Title, string Message);

/// <summary>The exceptions that are refusals with a meaning rather than bugs; everything else is "something went wrong".</summary>
public static class Refusals
{
    public static Refusal? For(Exception error, CancellationToken requestAborted = default)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (Meaning(e, requestAborted) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private static Refusal? Meaning(Exception error, CancellationToken requestAborted) => error switch
    {
        PeriodClosedException closed => new(StatusCodes.Status409Conflict, "The month is closed",
            $"The month is closed (the ledger is closed through {closed.LockDate:yyyy-MM-dd}); book it in an open month or ask Finance to reopen "
            + "the month. Nothing was saved."),
        DbUpdateConcurrencyException => new(StatusCodes.Status409Conflict, "Someone else changed this",
            "Someone else changed this while you were working on it; reload and try again. Your change was not saved."),
        NoSignedInStaffException => new(StatusCodes.Status403Forbidden, "You are not signed in as staff",
            "This action is recorded with the name of the staff member who takes it, and no one is signed in; sign in and try again."),
        _ when StripeOutages.Escaped(error, requestAborted) => new(StatusCodes.Status503ServiceUnavailable, "The payment service is not answering",
            "The payment service is not answering; nothing was charged; try again later."),
        _ => null,
    };
}
