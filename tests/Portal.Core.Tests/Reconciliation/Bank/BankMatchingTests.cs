using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Reconciliation;
using Portal.Core.Reconciliation.Bank;
using Portal.Testing;

namespace Portal.Core.Tests.Reconciliation.Bank;

/// <summary>
/// What matching leaves for Finance: gateway money without a payout, a credit that could be two, payouts the bank never showed;
/// once each.
/// </summary>
public class BankMatchingTests
{
    private const string Header
        = "\"Auftragskonto\";\"Buchungstag\";\"Buchungstext\";\"Verwendungszweck\";\"Beguenstigter/Zahlungspflichtiger\";\"Betrag\";\"Waehrung\"\n";

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Unmatched_gateway_credits_ambiguous_credits_and_payouts_not_arrived_are_flagged_once(DatabaseProvider provider)
    {
        await using var bank = await BankReconciliation.CreateAsync(provider);
        var late = await bank.PayoutAsync("po_1LateLateLate", 98000, new DateOnly(2026, 3, 2));
        var twinA = await bank.PayoutAsync("po_1TwinTwinAAAA", 30000, new DateOnly(2026, 3, 4));
        var twinB = await bank.PayoutAsync("po_1TwinTwinBBBB", 30000, new DateOnly(2026, 3, 4));
        await bank.PayoutAsync("po_1RecentRecent", 4500, new DateOnly(2026, 3, 8));
        await bank.PayoutAsync("po_1InTransitXXX", 6000, new DateOnly(2026, 3, 1), PayoutStatus.InTransit);
        await bank.PayoutAsync("po_1FailedFailed", 7000, new DateOnly(2026, 3, 1), PayoutStatus.Failed);

        var result = await bank.ImportAsync("march.csv", Csv(
            "05.03.26;GUTSCHRIFT;STRIPE;STRIPE TECHNOLOGY EUROPE LTD;777,00;EUR",
            "04.03.26;GUTSCHRIFT;Transfer;Stripe Payments Europe;300,00;EUR",
            "05.03.26;GUTSCHRIFT;Spende;Erika Mustermann;50,00;EUR",
            "04.03.26;ENTGELT;Kontoführung;;-12,90;EUR"));

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal(new BankMatchReport(0, 2, 3), result.Matching);
        var exceptions = await ExceptionsAsync(bank);
        var lineIds = await bank.QueryAsync(db => db.BankLines.ToDictionaryAsync(l => l.AmountMinor, l => l.Id));
        Assert.Equal(
            new[] {
                $"bank:{lineIds[30000]}:unmatched",
                $"bank:{lineIds[77700]}:unmatched",
                $"payout:{late}:not-arrived",
                $"payout:{twinA}:not-arrived",
                $"payout:{twinB}:not-arrived" }.Order(StringComparer.Ordinal),
            exceptions.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.All(exceptions, e => Assert.Equal(ExceptionStatus.Open, e.Status));
        var ambiguous = exceptions.Single(e => e.BankLineId == lineIds[30000]);
        Assert.Equal(ExceptionKind.UnmatchedBankLine, ambiguous.Kind);
        Assert.Contains("po_1TwinTwinAAAA", ambiguous.Summary, StringComparison.Ordinal);
        Assert.Contains("po_1TwinTwinBBBB", ambiguous.Summary, StringComparison.Ordinal);
        var notArrived = exceptions.Single(e => e.PayoutId == late);
        Assert.Equal((ExceptionKind.PayoutNotArrived, 98000L, "EUR"), (notArrived.Kind, notArrived.AmountMinor, notArrived.Currency));
        Assert.Equal(1, (await bank.QueryAsync(db => db.Payouts.SingleAsync(p => p.Id == late))).OpenExceptionCount);

        Assert.Equal(new BankMatchReport(0, 0, 0), await bank.MatchAsync());
        Assert.Equal(5, (await ExceptionsAsync(bank)).Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Finance_matches_by_hand_or_ignores_with_a_reason_and_the_exceptions_are_settled(DatabaseProvider provider)
    {
        await using var bank = await BankReconciliation.CreateAsync(provider);
        var late = await bank.PayoutAsync("po_1LateLateLate", 98000, new DateOnly(2026, 3, 2));
        var twinA = await bank.PayoutAsync("po_1TwinTwinAAAA", 30000, new DateOnly(2026, 3, 4));
        await bank.PayoutAsync("po_1TwinTwinBBBB", 30000, new DateOnly(2026, 3, 4));
        await bank.ImportAsync(
            "march.csv",
            Csv(
                "05.03.26;GUTSCHRIFT;STRIPE;Stripe;777,00;EUR",
                "04.03.26;GUTSCHRIFT;Transfer;Stripe;300,00;EUR",
                "04.03.26;ENTGELT;Fee;;-12,90;EUR"));
        var lineIds = await bank.QueryAsync(db => db.BankLines.ToDictionaryAsync(l => l.AmountMinor, l => l.Id));

        var wrongAmount = await bank.MatchByHandAsync(lineIds[77700], late);
        var debit = await bank.MatchByHandAsync(lineIds[-1290], late);
        var matched = await bank.MatchByHandAsync(lineIds[30000], twinA);
        var twice = await bank.MatchByHandAsync(lineIds[30000], twinA);
        var noReason = await bank.IgnoreAsync(lineIds[77700], " ");
        var ignored = await bank.IgnoreAsync(lineIds[77700], "Stripe's test transfer to verify the account");
        var missing = await bank.IgnoreAsync(999_999, "whatever");

        Assert.Contains("only equal amounts match", wrongAmount.Error, StringComparison.Ordinal);
        Assert.NotNull(debit.Error);
        Assert.Equal(BankLineActionResult.Done, matched);
        Assert.Contains("already matched", twice.Error, StringComparison.Ordinal);
        Assert.Contains("reason", noReason.Error, StringComparison.Ordinal);
        Assert.Equal(BankLineActionResult.Done, ignored);
        Assert.False(missing.Found);

        var lines = await bank.QueryAsync(db => db.BankLines.ToDictionaryAsync(l => l.AmountMinor));
        Assert.Equal((BankLineStatus.Matched, (long?)twinA), (lines[30000].Status, lines[30000].PayoutId));
        Assert.Equal(BankLineStatus.Ignored, lines[77700].Status);
        Assert.Equal(lines[30000].Id, (await bank.QueryAsync(db => db.Payouts.SingleAsync(p => p.Id == twinA))).BankLineId);
        var exceptions = (await ExceptionsAsync(bank)).ToDictionary(e => e.Key);
        Assert.Equal(
            (ExceptionStatus.Linked, BankReconciliation.Actor),
            (exceptions[$"bank:{lineIds[30000]}:unmatched"].Status, exceptions[$"bank:{lineIds[30000]}:unmatched"].ResolvedBy));
        Assert.Equal(ExceptionStatus.Linked, exceptions[$"payout:{twinA}:not-arrived"].Status);
        Assert.Equal(
            (ExceptionStatus.Ignored, "Stripe's test transfer to verify the account"),
            (exceptions[$"bank:{lineIds[77700]}:unmatched"].Status, exceptions[$"bank:{lineIds[77700]}:unmatched"].Resolution));
        Assert.Equal(ExceptionStatus.Open, exceptions[$"payout:{late}:not-arrived"].Status);
        Assert.Equal(0, (await bank.QueryAsync(db => db.Payouts.SingleAsync(p => p.Id == twinA))).OpenExceptionCount);
        var audit = await bank.QueryAsync(db => db.AuditRecords.Select(a => a.Action).ToListAsync());
        Assert.Contains("bank.payout-matched-by-hand", audit);
        Assert.Contains("bank.line-ignored", audit);

        await bank.MatchAsync();
        Assert.Equal(exceptions.Count, (await ExceptionsAsync(bank)).Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_payout_flagged_as_not_arrived_is_settled_when_a_later_statement_shows_it(DatabaseProvider provider)
    {
        await using var bank = await BankReconciliation.CreateAsync(provider);
        var late = await bank.PayoutAsync("po_1LateLateLate", 98000, new DateOnly(2026, 3, 2));
        await bank.MatchAsync();

        var result = await bank.ImportAsync("late.csv", Csv("09.03.26;GUTSCHRIFT;STRIPE PAYOUT PO_1LATELATELATE;STRIPE;980,00;EUR"));

        Assert.Equal(1, result.Matching!.Matched);
        var exception = (await ExceptionsAsync(bank)).Single();
        Assert.Equal((ExceptionStatus.Linked, $"payout:{late}:not-arrived"), (exception.Status, exception.Key));
        Assert.Contains("Matched automatically", exception.Resolution, StringComparison.Ordinal);
        Assert.Equal(0, (await bank.QueryAsync(db => db.Payouts.SingleAsync())).OpenExceptionCount);
    }

    private static byte[] Csv(params string[] rows) =>
        Encoding.UTF8.GetBytes(Header + string.Concat(rows.Select(r => "DE89370400440532013000;" + r + "\n")));

    private static Task<List<ReconciliationException>> ExceptionsAsync(BankReconciliation bank) =>
        bank.QueryAsync(db => db.ReconciliationExceptions.AsNoTracking().ToListAsync());
}
