using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

internal sealed partial class Renderer
{
    /// <summary>A SetupIntent that a completed setup-mode checkout left behind: always succeeded here.</summary>
    public static JsonObject SetupIntent(SetupIntentRecord s)
    {
        var o = FakeStripeFixtures.Create("setup_intent");
        o["id"] = s.Id;
        o["client_secret"] = s.Id + "_secret_fake";
        o["created"] = s.Created;
        o["customer"] = s.Customer;
        o["description"] = s.Description;
        o["metadata"] = Metadata(s.Metadata);
        o["payment_method"] = s.PaymentMethod;
        o["status"] = "succeeded";
        o["usage"] = s.Usage;
        o["automatic_payment_methods"] = null;
        Null(o, "last_setup_error", "next_action", "payment_method_configuration_details", "latest_attempt");
        return o;
    }
}
