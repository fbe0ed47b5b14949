using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Shared;
using Portal.Core.Spending;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Refunds;
using Portal.Core.Tests.Sponsorships;
using Portal.FakeStripe;
using Portal.Testing;

namespace Portal.Core.Tests.Ledger;

/// <summary>What can happen to the money, chosen at random, with what the test needs to remember to choose well.</summary>
internal sealed class RandomMoneyHistory(Recurring recurring, Random random)
{
    private static readonly string[] FundSlugs = ["nairobi", "ibarra", "gulu", "education"];
    private static readonly string[] Currencies = ["EUR", "USD", "GBP"];

    private readonly List<Paid> paid = [];
    private readonly List<string> sepaProcessing = [];
    private readonly List<(Guid RefundId, string GatewayId)> refunds = [];
    private readonly List<string> openDisputes = [];

    public Dictionary<string, int> Counts { get; } = [];

    public string Last { get; private set; } = "";

    public async Task StepAsync()
    {
        var choice = random.Next(15);
        Last = choice switch
        {
            0 or 1 => await GiftsAsync(),
            2 => await SepaGiftAsync(),
            3 => await SettleSepaAsync(),
            4 => await RefundAsync(partial: true),
            5 => await RefundAsync(partial: false),
            6 => await FailRefundAsync(),
            7 => await OpenDisputeAsync(),
            8 => await CloseDisputeAsync(),
            9 => await SepaReturnAsync(),
            10 => await SpendAsync(),
            11 => await PayOutAsync(),
            _ => await DaysPassAsync(),
        };
        Counts[Last.Split(' ')[0]] = Counts.GetValueOrDefault(Last.Split(' ')[0]) + 1;
    }

    private async Task<string> GiftsAsync()
    {
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            await recurring.AddAsync(amountMinor: random.Next(5, 200) * 50, fundSlug: Pick(FundSlugs), currency: Pick(Currencies));
        }

        await ChargeAsync();
        return "gifts";
    }

    private async Task<string> SepaGiftAsync()
    {
        await recurring.AddAsync(TestPaymentMethods.SepaDebit, amountMinor: random.Next(5, 100) * 100, fundSlug: Pick(FundSlugs));
        await ChargeAsync();
        return "sepa-gift";
    }

    private async Task<string> SettleSepaAsync()
    {
        if (sepaProcessing.Count == 0)
        {
            return await GiftsAsync();
        }

        var intent = Take(sepaProcessing);
        await Finance.DeliverAsync(recurring, recurring.Stripe.SettlePaymentIntent(intent, succeed: random.Next(5) > 0));
        await RefreshAsync();
        return "sepa-settled";
    }

    private async Task<string> RefundAsync(bool partial)
    {
        var candidates = paid.Where(p => !p.Disputed && p.Refunded < p.Charge.AmountMinor - 100 && (partial || p.Refunded == 0)).ToList();
        if (candidates.Count == 0)
        {
            return await GiftsAsync();
        }

        var charge = candidates[random.Next(candidates.Count)];
        var currency = Currency.Of(charge.Charge.Currency);
        string? amount = partial ? new Money(random.Next(1, (int)(charge.Charge.AmountMinor - charge.Refunded)), currency).ToPlainString() : null;
        var outcome = await Finance.RefundAsync(recurring, charge.Charge.Id, amount);
        Assert.True(outcome.Message is null, outcome.Message);
        refunds.Add((outcome.Refund!.Id, outcome.Refund.GatewayRefundId!));
        await RefreshAsync();
        return partial ? "partial-refund" : "full-refund";
    }

    private async Task<string> FailRefundAsync()
    {
        if (refunds.Count == 0)
        {
            return await RefundAsync(partial: true);
        }

        var (_, gatewayId) = Take(refunds);
        await Finance.DeliverAsync(recurring, recurring.Stripe.FailRefund(gatewayId));
        await RefreshAsync();
        return "refund-failed";
    }

    private async Task<string> OpenDisputeAsync()
    {
        var candidates = paid.Where(p => !p.Disputed && p.Refunded == 0 && !p.Sepa).ToList();
        if (candidates.Count == 0)
        {
            return await GiftsAsync();
        }

        var charge = candidates[random.Next(candidates.Count)];
        await Finance.DeliverAsync(
            recurring,
            recurring.Stripe.CreateDispute(charge.Charge.PaymentIntentId!, "fraudulent", DateTimeOffset.UtcNow.AddDays(10)));
        await using (var db = recurring.Services.CreateContext())
        {
            openDisputes.Add(await db.Disputes.Where(d => d.ChargeId == charge.Charge.Id).Select(d => d.GatewayDisputeId).SingleAsync());
        }

        await RefreshAsync();
        return "dispute-opened";
    }

    private async Task<string> CloseDisputeAsync()
    {
        if (openDisputes.Count == 0)
        {
            return await OpenDisputeAsync();
        }

        await Finance.DeliverAsync(recurring, recurring.Stripe.CloseDispute(Take(openDisputes), won: random.Next(2) == 0));
        await RefreshAsync();
        return "dispute-closed";
    }

    private async Task<string> SepaReturnAsync()
    {
        var candidates = paid.Where(p => p.Sepa && !p.Disputed && p.Refunded == 0).ToList();
        if (candidates.Count == 0)
        {
            return await SepaGiftAsync();
        }

        var charge = candidates[random.Next(candidates.Count)];
        await Finance.DeliverAsync(recurring, recurring.Stripe.CreateDispute(charge.Charge.PaymentIntentId!, "insufficient_funds"));
        await RefreshAsync();
        return "sepa-returned";
    }

    private async Task<string> SpendAsync()
    {
        var problems = await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<SpendingBook>().AddAsync(
            new SpendingInput(
                Pick(FundSlugs),
                Pick(SpendingCategories.All).Code,
                recurring.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                new Money(random.Next(1, 50_000), Currency.EUR).ToPlainString(),
                random.Next(4) == 0
                    ? "USD"
                    : "EUR",
                "Spent on the children",
                $"S-{Guid.NewGuid():N}"),
            "staff-1", "finance@example.org", CancellationToken.None));
        Assert.Empty(problems);
        return "spending";
    }

    private async Task<string> PayOutAsync()
    {
        IReadOnlyList<FakeEvent> events;
        try
        {
            events = recurring.Stripe.PayOut("eur").Events;
        }
        catch (InvalidOperationException error) when (error.Message.Contains("left to pay out", StringComparison.Ordinal))
        {
            // Everything was paid out already.
            return await GiftsAsync();
        }

        await Finance.DeliverAsync(recurring, events);
        await RefreshAsync();
        return "payout";
    }

    private async Task<string> DaysPassAsync()
    {
        recurring.Services.Clock.Advance(TimeSpan.FromDays(random.Next(3, 20)));
        await ChargeAsync();
        return "days-passed";
    }

    /// <summary>A charge run for what is due; card payments succeed, SEPA debits wait for their bank.</summary>
    private async Task ChargeAsync()
    {
        await recurring.RunAsync();
        await RefreshAsync();
        await using var db = recurring.Services.CreateContext();
        var processing = await db.Charges.Where(c => c.Status == ChargeStatus.Processing && c.PaymentIntentId != null)
            .Select(c => c.PaymentIntentId!)
            .ToListAsync();
        sepaProcessing.AddRange(processing.Except(sepaProcessing));
    }

    private async Task RefreshAsync()
    {
        await using var db = recurring.Services.CreateContext();
        var charges = await db.Charges.AsNoTracking().Where(c => c.GiftDate != null && c.ReversedAt == null).ToListAsync();
        var sepa = await db.Sponsorships.Where(s => s.GatewayPaymentMethodId == TestPaymentMethods.SepaDebit).Select(s => s.Id).ToListAsync();
        var disputed = await db.Disputes.Select(d => d.ChargeId).ToListAsync();
        paid.Clear();
        paid.AddRange(charges.Where(c => c.Status is ChargeStatus.Succeeded or ChargeStatus.Refunded or ChargeStatus.Disputed)
            .Select(c => new Paid(c, c.AmountRefundedMinor, disputed.Contains(c.Id), sepa.Contains(c.SponsorshipId))));
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private T Take<T>(List<T> items)
    {
        var index = random.Next(items.Count);
        var item = items[index];
        items.RemoveAt(index);
        return item;
    }

    private sealed record Paid(Charge Charge, long Refunded, bool Disputed, bool Sepa);
}
