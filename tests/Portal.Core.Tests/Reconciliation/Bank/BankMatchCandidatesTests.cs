using Portal.Core.Reconciliation.Bank;

namespace Portal.Core.Tests.Reconciliation.Bank;

/// <summary>
/// The matching rules alone: exact amount and currency, the payout's id before the gateway's name before the nearest date,
/// never a guess.
/// </summary>
public class BankMatchCandidatesTests
{
    private static readonly DateOnly March3 = new(2026, 3, 3);

    [Fact]
    public void A_credit_of_the_same_amount_and_currency_on_the_arrival_date_matches()
    {
        var (matches, ambiguous) = Pair([Line(1, March3, 123456)], [Payout(10, "po_1AAAAAAAAAAAA", March3, 123456)]);

        var match = Assert.Single(matches);
        Assert.Equal((1L, 10L), (match.LineId, match.PayoutId));
        Assert.Contains("0 day", match.Reason, StringComparison.Ordinal);
        Assert.Empty(ambiguous);
    }

    [Fact]
    public void The_payout_id_in_the_reference_wins_over_a_nearer_payout_and_over_the_window()
    {
        var (matches, _) = Pair(
            [Line(1, March3.AddDays(9), 5000, "STRIPE PAYOUT PO 1BBBB-BBBBBBBB")],
            [Payout(10, "po_1AAAAAAAAAAAA", March3.AddDays(9), 5000), Payout(11, "po_1BBBBBBBBBBBB", March3, 5000)]);

        Assert.Equal((1L, 11L), (matches.Single().LineId, matches.Single().PayoutId));
        Assert.Contains("id", matches.Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_payouts_equally_good_are_not_guessed_but_reported_with_the_line()
    {
        var (matches, ambiguous) = Pair(
            [Line(1, March3, 30000)],
            [Payout(10, "po_1AAAAAAAAAAAA", March3.AddDays(-1), 30000), Payout(11, "po_1BBBBBBBBBBBB", March3.AddDays(1), 30000)]);

        Assert.Empty(matches);
        Assert.Equal([10L, 11L], ambiguous[1].Select(p => p.Id).Order());
    }

    [Fact]
    public void Two_equal_lines_for_one_payout_are_not_guessed_either()
    {
        var (matches, ambiguous) = Pair([Line(1, March3, 30000), Line(2, March3, 30000)], [Payout(10, "po_1AAAAAAAAAAAA", March3, 30000)]);

        Assert.Empty(matches);
        Assert.Equal([1L, 2L], ambiguous.Keys.Order());
    }

    [Fact]
    public void Outside_the_window_nothing_matches_and_inside_it_the_nearest_date_wins()
    {
        var payouts = new[] { Payout(10, "po_1AAAAAAAAAAAA", March3, 7000), Payout(11, "po_1BBBBBBBBBBBB", March3.AddDays(2), 7000) };

        var (outside, outsideAmbiguous) = Pair([Line(1, March3.AddDays(-4), 7000)], payouts);
        var (inside, _) = Pair([Line(1, March3.AddDays(-3), 7000)], payouts);
        var (both, _) = Pair([Line(1, March3, 7000), Line(2, March3.AddDays(2), 7000)], payouts);

        Assert.Empty(outside);
        Assert.Empty(outsideAmbiguous);
        Assert.Equal(10L, inside.Single().PayoutId);
        Assert.Equal([(1L, 10L), (2L, 11L)], both.Select(m => (m.LineId, m.PayoutId)).Order());
    }

    [Fact]
    public void Another_currency_or_a_cent_more_is_not_the_payout()
    {
        var (currency, _) = Pair([Line(1, March3, 5000, currency: "CHF")], [Payout(10, "po_1AAAAAAAAAAAA", March3, 5000)]);
        var (amount, _) = Pair([Line(1, March3, 5001, "po_1AAAAAAAAAAAA")], [Payout(10, "po_1AAAAAAAAAAAA", March3, 5000)]);

        Assert.Empty(currency);
        Assert.Empty(amount);
    }

    [Fact]
    public void A_credit_from_the_gateway_wins_over_a_nearer_donor_transfer_of_the_same_amount()
    {
        var (matches, ambiguous) = Pair(
            [Line(1, March3, 5000, "Spende Erika Mustermann"), Line(2, March3.AddDays(2), 5000, "STRIPE", fromGateway: true)],
            [Payout(10, "po_1AAAAAAAAAAAA", March3, 5000)]);

        Assert.Equal((2L, 10L), (matches.Single().LineId, matches.Single().PayoutId));
        Assert.Empty(ambiguous);
    }

    [Theory]
    [InlineData("STRIPE PAYOUT", true)]
    [InlineData("Stripe Technology Europe Ltd", true)]
    [InlineData("Transfer PO_1ABCDEFGHIJ", true)]
    [InlineData("Spende für Nairobi", false)]
    [InlineData("Portokosten", false)]
    public void A_line_looks_like_the_gateway_by_its_descriptor_or_a_payout_id(string text, bool expected) =>
        Assert.Equal(expected, BankTexts.FromGateway(text, ["STRIPE"]));

    private static (IReadOnlyList<BankMatch> Matches, IReadOnlyDictionary<long, IReadOnlyList<PayoutToMatch>> Ambiguous) Pair(
        IReadOnlyList<CreditToMatch> lines, IReadOnlyList<PayoutToMatch> payouts) => BankMatchCandidates.Pair(lines, payouts, windowDays: 3);

    private static CreditToMatch Line(long id, DateOnly bookedOn, long minor, string text = "", bool fromGateway = false, string currency = "EUR") =>
        new(id, bookedOn, minor, currency, text, fromGateway);

    private static PayoutToMatch Payout(long id, string gatewayId, DateOnly arrival, long minor) => new(id, gatewayId, minor, "EUR", arrival);
}
