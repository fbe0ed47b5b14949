using Stripe;

namespace Portal.FakeStripe.Tests;

public sealed class PayoutEventTests : FakeStripeTestBase
{
    [Fact]
    public async Task A_payout_records_created_then_paid()
    {
        await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 1000));

        var (payout, events) = Stripe.PayOut("eur", DateTimeOffset.UtcNow.AddDays(2));
        var parsed = events.Select(e => EventUtility.ParseEvent(e.Json, throwOnApiVersionMismatch: false)).ToList();

        Assert.Equal(("paid", 960L), (payout.Status, payout.Amount));
        Assert.Equal(["payout.created", "payout.paid"], parsed.Select(e => e.Type));
        Assert.Equal(["pending", "paid"], parsed.Select(e => Assert.IsType<Payout>(e.Data.Object).Status));
        Assert.All(parsed, e => Assert.Equal(payout.Id, ((Payout)e.Data.Object).Id));
        Assert.Equal(events.Select(e => e.Id), Stripe.Events.Where(e => e.Type.StartsWith("payout.", StringComparison.Ordinal)).Select(e => e.Id));
    }

    [Fact]
    public async Task Payouts_list_filters_by_arrival_date_status_and_created_and_pages()
    {
        var monday = new DateTimeOffset(2031, 3, 3, 0, 0, 0, TimeSpan.Zero);
        var ids = new List<string>();
        for (var day = 0; day < 5; day++)
        {
            await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 1000 + day, chargeId: $"chg-{day}"));
            ids.Add(Stripe.CreatePayout("eur", monday.AddDays(day)).Id);
        }

        Stripe.FailPayout(ids[4]);

        var midweek = await Client.V1.Payouts.ListAsync(new PayoutListOptions
        {
            ArrivalDate = new DateRangeOptions { GreaterThanOrEqual = monday.AddDays(1).UtcDateTime, LessThan = monday.AddDays(3).UtcDateTime },
        });
        var paid = new List<Payout>();
        await foreach (var p in Client.V1.Payouts.ListAutoPagingAsync(new PayoutListOptions { Status = "paid", Limit = 2 }))
        {
            paid.Add(p);
        }

        var future = await Client.V1.Payouts
            .ListAsync(new PayoutListOptions { Created = new DateRangeOptions { GreaterThan = DateTime.UtcNow.AddHours(1) } });
        var failed = await Client.V1.Payouts.ListAsync(new PayoutListOptions { Status = "failed" });

        Assert.Equal([ids[2], ids[1]], midweek.Data.Select(p => p.Id));
        Assert.Equal(ids.Take(4).Reverse(), paid.Select(p => p.Id));
        Assert.Empty(future.Data);
        Assert.Equal(ids[4], Assert.Single(failed.Data).Id);
    }

    [Fact]
    public async Task A_failed_payout_returns_its_money_to_the_next_payout()
    {
        await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 1000));
        var first = Stripe.CreatePayout("eur");

        var failure = Assert.Single(Stripe.FailPayout(first.Id)).ToStripeEvent();
        var read = await Client.V1.Payouts.GetAsync(first.Id, new PayoutGetOptions { Expand = ["failure_balance_transaction"] });
        await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount: 2000, chargeId: "chg-2"));
        var second = Stripe.CreatePayout("eur");
        var secondLines = await Client.V1.BalanceTransactions
            .ListAsync(new BalanceTransactionListOptions { Payout = second.Id, Expand = ["data.source"] });

        Assert.Equal(("payout.failed", "failed"), (failure.Type, Assert.IsType<Payout>(failure.Data.Object).Status));
        Assert.Equal(("failed", "account_closed"), (read.Status, read.FailureCode));
        Assert.False(string.IsNullOrEmpty(read.FailureMessage));
        var back = read.FailureBalanceTransaction;
        Assert.Equal(
            (960L, 960L, "payout_failure", "payout_reversal", first.Id),
            (back.Amount, back.Net, back.Type, back.ReportingCategory, back.SourceId));
        Assert.Equal(960 + 1945, second.Amount);
        Assert.Equal(["payout", "charge", "payout_failure"], secondLines.Data.Select(l => l.Type));
        Assert.Equal(first.Id, Assert.IsType<Payout>(secondLines.Data[2].Source).Id);
        Assert.Throws<InvalidOperationException>(() => Stripe.FailPayout(first.Id));
    }
}
