using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Communications.Receipts;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;

namespace Portal.Core.Gifts;

/// <summary>A checked offline gift, ready to post: who gave what to which fund, when and how it came.</summary>
public sealed record GiftToPost(
    Donor Donor,
    Fund Fund,
    Money Amount,
    DateOnly ReceivedOn,
    OfflineGiftMethod Method,
    Guid? Token = null,
    long? BankLineId = null,
    string? ImportKey = null,
    string? PayerName = null,
    string? PayerIban = null);

/// <summary>
/// Posts an offline gift the way a paid online gift posts (<see cref="ChargeOutcomes"/>): a completed one-time
/// sponsorship and its paid charge, the ledger entry under the charge's gift key (the bank or cash account instead of
/// the gateway's clearing account, no fee), and the receipt numbered from that entry and queued to the donor. So the
/// running totals, the fund's figures, tax statements and the donor's page count it through their own code. The caller
/// holds the transaction; this saves twice inside it (the receipt number needs the entry's id).
/// </summary>
public sealed class OfflineGiftPosting(
    PortalDbContext db, Journal journal, ReceiptMail receipts, CharityCalendar calendar, ILogger<OfflineGiftPosting> logger)
{
    /// <summary>The <see cref="Charge.Gateway"/> of an offline gift: no gateway holds it, pays it out or refunds it.</summary>
    public const string Gateway = "offline";

    public async Task<(OfflineGift Gift, Charge Charge)> PostAsync(GiftToPost gift, string actorName, CancellationToken cancellationToken)
    {
        // A gift that arrived in a closed month is booked on the first open day, as every late correction is; the
        // receipt and the tax statement then name that day, which is the gift's one date everywhere.
        var date = await journal.OpenDateAsync(gift.ReceivedOn, cancellationToken);
        var now = calendar.UtcNow;
        var sponsorship = new Sponsorship
        {
            DonorId = gift.Donor.Id,
            FundId = gift.Fund.Id,
            AmountMinor = gift.Amount.Minor,
            Currency = gift.Amount.Currency.Code,
            Interval = SponsorshipInterval.Once,
            ChargeDay = date.Day,
            Status = SponsorshipStatus.Completed,
            Gateway = Gateway,
            CreatedAt = now,
            StartedAt = now,
            EndedAt = now,
        };
        var charge = new Charge
        {
            SponsorshipId = sponsorship.Id,
            PeriodStart = date,
            AmountMinor = gift.Amount.Minor,
            Currency = gift.Amount.Currency.Code,
            FeeMinor = 0,
            Status = ChargeStatus.Succeeded,
            Gateway = Gateway,
            FundId = gift.Fund.Id,
            CreatedAt = now,
            // The tax statement dates a gift by this instant in the charity's time zone: the gift's day.
            SucceededAt = calendar.StartOfDayUtc(date),
        };
        var offline = new OfflineGift
        {
            Id = gift.Token ?? Guid.CreateVersion7(),
            ChargeId = charge.Id,
            Method = gift.Method,
            ReceivedOn = gift.ReceivedOn,
            BankLineId = gift.BankLineId,
            ImportKey = gift.ImportKey,
            PayerName = gift.PayerName,
            PayerIban = gift.PayerIban,
            CreatedAt = now,
            CreatedBy = actorName,
        };
        db.Sponsorships.Add(sponsorship);
        db.Charges.Add(charge);
        db.OfflineGifts.Add(offline);
        var account = gift.Method == OfflineGiftMethod.Cash ? AccountKind.Cash : AccountKind.Bank;
        var description = $"{Describe(gift.Method)} from {gift.Donor.Name} to {gift.Fund.Name}";
        var entry = await journal.PostAsync(ChargePostings.ReceivedDirectly(charge, gift.Fund, account, date, description), cancellationToken);
        var reference = await ReferenceAsync(gift, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await receipts.IssueAsync(charge, sponsorship, gift.Fund, gift.Donor, entry, cancellationToken, reference);
        await db.SaveChangesAsync(cancellationToken);
        GiftsLog.Posted(
            logger, offline.Id, gift.Method, gift.Amount.Minor, gift.Amount.Currency.Code, gift.Fund.Id, date, charge.Id, charge.ReceiptNumber);
        return (offline, charge);
    }

    /// <summary>The donor's gift reference for the fund, given now if they have none: the receipt prints it for a standing order.</summary>
    private async Task<string> ReferenceAsync(GiftToPost gift, DateTime now, CancellationToken cancellationToken)
    {
        var (donorId, fundId) = (gift.Donor.Id, gift.Fund.Id);
        var known = db.GiftReferences.Local.FirstOrDefault(r => r.DonorId == donorId && r.FundId == fundId)?.Reference
            ?? await db.GiftReferences.Where(r => r.DonorId == donorId && r.FundId == fundId).Select(r => r.Reference)
                .FirstOrDefaultAsync(cancellationToken);
        if (known is not null)
        {
            return known;
        }

        var added = new GiftReference { Reference = PaymentReferences.NewForGift(), DonorId = donorId, FundId = fundId, CreatedAt = now };
        db.GiftReferences.Add(added);
        return added.Reference;
    }

    public static string Describe(OfflineGiftMethod method) => method switch
    {
        OfflineGiftMethod.BankTransfer => "Bank transfer",
        OfflineGiftMethod.Cheque => "Cheque",
        OfflineGiftMethod.Cash => "Cash",
        _ => "Gift",
    };
}
