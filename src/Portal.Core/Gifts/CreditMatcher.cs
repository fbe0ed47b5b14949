using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Reconciliation.Bank;

namespace Portal.Core.Gifts;

/// <summary>
/// Offers bank credits as gifts: by a reference the portal issued (a gift reference names donor and fund; a donor's
/// names the donor), then by the IBAN of an earlier offline gift, then by the payer's name. A donor known without a fund
/// gives to the fund of their latest gift. A handful of indexed queries per page of lines, whatever the history.
/// </summary>
public sealed class CreditMatcher(PortalDbContext db, IOptions<BankMatchingOptions> matching)
{
    public async Task<Dictionary<long, CreditOffer>> OfferAsync(IReadOnlyList<BankLine> lines, CancellationToken cancellationToken)
    {
        var references = lines.ToDictionary(l => l.Id, l => PaymentReferences.FindIssued($"{l.CreditorReference} {l.Reference} {l.Description}"));
        var allReferences = references.Values.SelectMany(r => r).Distinct().ToList();
        var giftReferences = await db.GiftReferences.AsNoTracking().Where(r => allReferences.Contains(r.Reference))
            .ToDictionaryAsync(r => r.Reference, cancellationToken);
        var donorReferences = await db.Donors.AsNoTracking().Where(d => allReferences.Contains(d.PaymentReference!))
            .ToDictionaryAsync(d => d.PaymentReference!, d => d.Id, cancellationToken);
        var accounts = await AccountsAsync(lines, cancellationToken);
        var names = await NamesAsync(lines, cancellationToken);

        var found = new Dictionary<long, (CreditMatch How, Guid? Donor, Guid? Fund, string Why)>();
        var descriptors = matching.Value.Descriptors();
        foreach (var line in lines)
        {
            found[line.Id] = BankTexts.FromGateway(BankTexts.Of(line.Counterparty, line.Reference, line.Description), descriptors)
                ? (CreditMatch.None, null, null, "Looks like the payment gateway's transfer: match it to its payout on the bank page.")
                : Match(line, references[line.Id], giftReferences, donorReferences, accounts, names);
        }

        var donorIds = found.Values.Where(f => f.Donor is not null).Select(f => f.Donor!.Value).Distinct().ToList();
        var donors = await db.Donors.AsNoTracking().Where(d => donorIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Name, d.MergedIntoId }).ToDictionaryAsync(d => d.Id, cancellationToken);
        var kept = donors.Values.Where(d => d.MergedIntoId is not null).Select(d => d.MergedIntoId!.Value).ToList();
        foreach (var donor in await db.Donors.AsNoTracking().Where(d => kept.Contains(d.Id))
            .Select(d => new { d.Id, d.Name, d.MergedIntoId }).ToListAsync(cancellationToken))
        {
            donors[donor.Id] = donor;
        }

        Guid? Kept(Guid? id) => id is { } d && donors.TryGetValue(d, out var donor) && donor.MergedIntoId is { } into ? into : id;
        var lastFunds = await LastFundsAsync([.. found.Values.Where(f => f.Donor is not null && f.Fund is null).Select(f => Kept(f.Donor)!.Value)],
            cancellationToken);
        var funds = await db.Funds.AsNoTracking().Select(f => new { f.Id, f.Name }).ToDictionaryAsync(f => f.Id, f => f.Name, cancellationToken);
        return lines.ToDictionary(l => l.Id, l =>
        {
            var (how, donorId, fundId, why) = found[l.Id];
            donorId = Kept(donorId);
            if (donorId is { } d && fundId is null)
            {
                fundId = lastFunds.TryGetValue(d, out var last) ? last : null;
                why = fundId is null ? $"{why} The donor has no gift yet: choose the fund." : $"{why} Fund of the donor's latest gift.";
            }

            var donorName = donorId is { } known && donors.TryGetValue(known, out var donor) ? donor.Name : null;
            return new CreditOffer(l, how, donorId, donorName, fundId, fundId is { } f ? funds.GetValueOrDefault(f) : null, why);
        });
    }

    private static (CreditMatch, Guid?, Guid?, string) Match(
        BankLine line,
        IReadOnlyList<string> references,
        Dictionary<string, GiftReference> giftReferences,
        Dictionary<string, Guid> donorReferences,
        Dictionary<string, List<(Guid Donor, Guid Fund)>> accounts,
        Dictionary<string, List<Guid>> names)
    {
        foreach (var reference in references)
        {
            if (giftReferences.TryGetValue(reference, out var gift))
            {
                return (CreditMatch.Reference, gift.DonorId, gift.FundId, $"Gift reference {PaymentReferences.Print(reference)}.");
            }

            if (donorReferences.TryGetValue(reference, out var donor))
            {
                return (CreditMatch.Reference, donor, null, $"Donor reference {PaymentReferences.Print(reference)}.");
            }
        }

        if (line.CounterpartyAccount is { } iban && accounts.TryGetValue(iban, out var givers))
        {
            return givers.Select(g => g.Donor).Distinct().Count() == 1
                ? (CreditMatch.Account, givers[0].Donor, givers[0].Fund, $"Account {iban} gave before.")
                : (CreditMatch.None, null, null, $"Account {iban} gave before for several donors: choose the donor.");
        }

        var key = NameKeys(line.Counterparty).FirstOrDefault(names.ContainsKey);
        if (key is not null)
        {
            return names[key].Count == 1
                ? (CreditMatch.Name, names[key][0], null, $"Name '{line.Counterparty}' is one donor's; check it.")
                : (CreditMatch.None, null, null, $"{names[key].Count} donors are called '{line.Counterparty}': choose the donor.");
        }

        return (CreditMatch.None, null, null, references.Count > 0
            ? "The reference names no donor: choose the donor and fund."
            : "No reference, known account or donor's name: choose the donor and fund.");
    }

    /// <summary>For each IBAN, the donor and fund of its latest offline gift (and whether other donors gave from it).</summary>
    private async Task<Dictionary<string, List<(Guid Donor, Guid Fund)>>> AccountsAsync(
        IReadOnlyList<BankLine> lines, CancellationToken cancellationToken)
    {
        var ibans = lines.Select(l => l.CounterpartyAccount).OfType<string>().Distinct().ToList();
        var rows = await (from gift in db.OfflineGifts.AsNoTracking()
                          where ibans.Contains(gift.PayerIban!)
                          join charge in db.Charges on gift.ChargeId equals charge.Id
                          join sponsorship in db.Sponsorships on charge.SponsorshipId equals sponsorship.Id
                          group gift by new { gift.PayerIban, sponsorship.DonorId, sponsorship.FundId } into g
                          select new { g.Key.PayerIban, g.Key.DonorId, g.Key.FundId, Last = g.Max(x => x.ReceivedOn) })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.PayerIban!)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Last).Select(r => (r.DonorId, r.FundId)).ToList());
    }

    /// <summary>The donors (not merged, not erased) whose folded name is a payer's, in either word order.</summary>
    private async Task<Dictionary<string, List<Guid>>> NamesAsync(IReadOnlyList<BankLine> lines, CancellationToken cancellationToken)
    {
        var keys = lines.SelectMany(l => NameKeys(l.Counterparty)).Distinct().ToList();
        var rows = await db.Donors.AsNoTracking()
            .Where(d => keys.Contains(d.SearchName!) && d.MergedIntoId == null && d.ErasedAt == null)
            .OrderBy(d => d.Id).Select(d => new { d.Id, d.SearchName }).Take(1000).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.SearchName!).ToDictionary(g => g.Key, g => g.Select(r => r.Id).ToList());
    }

    /// <summary>"MUELLER, ANNA" and "Anna Müller" both as the search keys a donor's name is kept under.</summary>
    public static IReadOnlyList<string> NameKeys(string? counterparty)
    {
        var folded = DonorSearchKeys.Fold(counterparty);
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            return [];
        }

        var reversed = string.Join(' ', words[1..].Append(words[0]));
        return reversed == folded ? [folded] : [folded, reversed];
    }

    /// <summary>The fund of each donor's latest gift, online or offline.</summary>
    private async Task<Dictionary<Guid, Guid>> LastFundsAsync(IReadOnlyList<Guid> donorIds, CancellationToken cancellationToken)
    {
        var ids = donorIds.Distinct().ToList();
        var rows = await (from charge in db.Charges.AsNoTracking()
                          join sponsorship in db.Sponsorships on charge.SponsorshipId equals sponsorship.Id
                          where ids.Contains(sponsorship.DonorId) && charge.GiftDate != null
                          group charge by new { sponsorship.DonorId, Fund = charge.FundId ?? sponsorship.FundId } into g
                          select new { g.Key.DonorId, g.Key.Fund, Last = g.Max(c => c.GiftDate) })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.DonorId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Last).First().Fund);
    }
}
