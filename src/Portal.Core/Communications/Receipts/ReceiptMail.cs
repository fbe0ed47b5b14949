using Microsoft.Extensions.Options;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Languages;
using Portal.Core.Ledger;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;

namespace Portal.Core.Communications.Receipts;

/// <summary>Numbers a paid charge's receipt after its ledger entry is saved, and queues the e-mail once.</summary>
public sealed class ReceiptMail(EmailOutbox outbox, EmailRenderer renderer, PublicUrls urls, IOptions<PortalOptions> portal)
{
    public const string Template = "receipt";

    public const string AmendedTemplate = "receipt-amended";

    /// <summary>Queues the amended receipt for a refund that went through, once per refund.</summary>
    public static void QueueAmended(EmailOutbox outbox, Charge charge, Donor donor, Guid refundId) =>
        outbox.QueueDeferred(
            $"receipt:{charge.Id}:amended:{refundId}",
            EmailCategory.Transactional,
            donor.Id,
            donor.Email,
            donor.Name,
            AmendedTemplate,
            charge.Id);

    public static string Key(Guid chargeId) => $"receipt:{chargeId}";

    /// <param name="entry">The saved entry that recorded the gift; its id becomes the receipt number.</param>
    /// <param name="giftReference">The donor's gift reference for the fund, printed for a standing order, when there is one.</param>
    public async Task IssueAsync(
        Charge charge,
        Sponsorship sponsorship,
        Fund fund,
        Donor donor,
        JournalEntry entry,
        CancellationToken cancellationToken,
        string? giftReference = null)
    {
        charge.ReceiptNumber ??= ReceiptView.Number(entry.Date, entry.Id);
        var email = await RenderAsync(charge, sponsorship, fund, donor, entry.Date, giftReference);
        await outbox.QueueAsync(Key(charge.Id), EmailCategory.Transactional, donor.Id, donor.Email, donor.Name, email, cancellationToken);
    }

    /// <summary>
    /// The same receipt, rendered when it is sent: for the charge run, which records hundreds of gifts per transaction
    /// and whose charges have never had a receipt queued (each is recorded from in flight once). The caller numbers it
    /// (<see cref="ReceiptNumbers"/>) in the same transaction.
    /// </summary>
    public static void QueueReceipt(EmailOutbox outbox, Charge charge, Donor donor) =>
        outbox.QueueDeferred(Key(charge.Id), EmailCategory.Transactional, donor.Id, donor.Email, donor.Name, Template, charge.Id);

    public async Task<RenderedEmail> RenderAsync(
        Charge charge, Sponsorship sponsorship, Fund fund, Donor donor, DateOnly date, string? giftReference = null)
    {
        var view = View(charge, sponsorship, fund, donor, date, portal.Value.CharityName) with { GiftReference = giftReference };
        var url = urls.To($"account/receipts/{charge.Id}");
        var html = await renderer.RenderAsync<ReceiptEmail>(new Dictionary<string, object?> { ["Receipt"] = view, ["ReceiptUrl"] = url.ToString() });
        var texts = view.Texts;
        var subject = view.IsAmended
            ? texts.Format("SubjectAmended", view.ReceiptNumber, view.Refunded.Format(texts.Culture))
            : texts.Format("Subject", view.ReceiptNumber, fund.Name);
        return new RenderedEmail(subject, html, ReceiptText.Render(view, url));
    }

    public static ReceiptView View(Charge charge, Sponsorship sponsorship, Fund fund, Donor donor, DateOnly date, string charityName) =>
        new(
            charityName,
            charge.ReceiptNumber ?? "",
            date,
            donor.Name,
            donor.Email,
            fund.Name,
            charge.Amount,
            new Money(sponsorship.FeeCoverMinor, charge.Amount.Currency),
            sponsorship.Interval,
            sponsorship.DedicationKind,
            sponsorship.DedicationName,
            charge.PaymentIntentId)
        {
            Refunded = new Money(charge.AmountRefundedMinor, charge.Amount.Currency),
            Language = PortalLanguages.Normalize(donor.Language),
        };
}
