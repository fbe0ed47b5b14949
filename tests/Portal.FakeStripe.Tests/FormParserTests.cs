namespace Portal.FakeStripe.Tests;

public sealed class FormParserTests
{
    [Fact]
    public void Bracketed_keys_become_nested_objects_and_arrays()
    {
        var form = FormParser.Parse(
            "line_items[0][price_data][unit_amount]=1000&line_items[0][quantity]=2&line_items[1][quantity]=1"
            + "&payment_intent_data[metadata][charge_id]=c+1%2B2&expand[]=payment_intent&expand[]=customer&mode=payment");

        Assert.Equal("1000", form["line_items"]![0]!["price_data"]!["unit_amount"]!.GetValue<string>());
        Assert.Equal("2", form["line_items"]![0]!["quantity"]!.GetValue<string>());
        Assert.Equal("1", form["line_items"]![1]!["quantity"]!.GetValue<string>());
        Assert.Equal("c 1+2", form["payment_intent_data"]!["metadata"]!["charge_id"]!.GetValue<string>());
        Assert.Equal(["payment_intent", "customer"], form.Expand());
        Assert.Equal("payment", form.Str("mode"));
    }

    [Fact]
    public void Indexed_arrays_keep_their_order_and_queries_decode_quotes()
    {
        var form = FormParser.Parse("?expand[1]=b&expand[0]=a&query=metadata[%27charge_id%27]%3A%27X%27");

        Assert.Equal(["a", "b"], form.Expand());
        Assert.Equal("metadata['charge_id']:'X'", form.Str("query"));
    }

    [Fact]
    public void Empty_metadata_values_unset_keys()
    {
        var form = FormParser.Parse("metadata[keep]=1&metadata[drop]=");

        Assert.Equal(new Dictionary<string, string> { ["keep"] = "1" }, form.Metadata());
    }
}
