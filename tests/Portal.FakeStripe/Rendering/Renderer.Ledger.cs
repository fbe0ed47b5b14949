using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

// Balance-side objects: balance transactions, refunds, payouts.
internal sealed partial class Renderer
{
    public static JsonObject BalanceTransaction(BalanceTransactionRecord b)
    {
        var o = FakeStripeFixtures.Create("balance_transaction");
        o["id"] = b.Id;
        o["amount"] = b.Amount;
        o["available_on"] = b.AvailableOn;
        o["created"] = b.Created;
        o["currency"] = b.Currency;
        o["description"] = b.Description;
        o["exchange_rate"] = b.ExchangeRate;
        o["fee"] = b.Fee;
        o["net"] = b.Net;
        o["reporting_category"] = b.ReportingCategory;
        o["source"] = b.Source;
        o["status"] = "available";
        o["type"] = b.Type;
        o["fee_details"] = b.Fee == 0 ? new JsonArray() : new JsonArray(new JsonObject
        {
            ["amount"] = b.Fee,
            ["application"] = null,
            ["currency"] = b.Currency,
            ["description"] = b.FeeDescription,
            ["type"] = "stripe_fee",
        });
        return o;
    }

    public static JsonObject Refund(RefundRecord r)
    {
        var o = FakeStripeFixtures.Create("refund");
        o["id"] = r.Id;
        o["amount"] = r.Amount;
        o["balance_transaction"] = r.BalanceTransaction;
        o["charge"] = r.Charge;
        o["created"] = r.Created;
        o["currency"] = r.Currency;
        o["metadata"] = Metadata(r.Metadata);
        o["payment_intent"] = r.PaymentIntent;
        o["reason"] = r.Reason;
        o["status"] = r.Status;
        if (r.Status == "failed")
        {
            // Stripe adds these two only to a refund that failed.
            o["failure_reason"] = r.FailureReason;
            o["failure_balance_transaction"] = r.FailureBalanceTransaction;
        }

        return o;
    }

    public static JsonObject Payout(PayoutRecord p)
    {
        var o = FakeStripeFixtures.Create("payout");
        o["id"] = p.Id;
        o["amount"] = p.Amount;
        o["arrival_date"] = p.ArrivalDate;
        o["balance_transaction"] = p.BalanceTransaction;
        o["created"] = p.Created;
        o["currency"] = p.Currency;
        o["status"] = p.Status;
        o["failure_code"] = p.FailureCode;
        o["failure_message"] = p.FailureMessage;
        o["failure_balance_transaction"] = p.FailureBalanceTransaction;
        o["metadata"] = new JsonObject();
        return o;
    }
}
