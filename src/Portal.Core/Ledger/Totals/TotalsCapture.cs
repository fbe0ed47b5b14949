using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Portal.Core.Sponsorships;

namespace Portal.Core.Ledger.Totals;

/// <summary>
/// What one save changes in the totals, read from the change tracker before the save: the journal lines it posts (their
/// accounts' ids are known only after it), the gifts it posts or settles, and the sponsorships it starts or stops.
/// A posted gift's charge gets its <see cref="Charge.GiftDate"/> here, so the two can never disagree.
/// </summary>
internal sealed class TotalsCapture
{
    private readonly List<(JournalLine Line, DateOnly Date, bool Reversal)> lines = [];
    private readonly PendingTotals totals = new();
    private DateOnly today;

    /// <param name="today">The charity's date: the date of the sponsorships' events this save makes.</param>
    public static async Task<TotalsCapture?> TakeAsync(DbContext context, DateOnly today, CancellationToken cancellationToken)
    {
        var capture = new TotalsCapture { today = today };
        var entries = context.ChangeTracker.Entries().ToList();
        var newGiftCharges = new HashSet<Guid>();
        foreach (var entry in entries.Where(e => e.State == EntityState.Added && e.Entity is JournalEntry).Select(e => (JournalEntry)e.Entity))
        {
            capture.lines.AddRange(entry.Lines.Select(line => (line, entry.Date, entry.ReversesEntryId is not null)));
            if (ChargePostings.IsGift(entry))
            {
                await capture.GiftAsync(context, entry, cancellationToken);
                newGiftCharges.Add(entry.ChargeId!.Value);
            }
        }

        var captured = capture.lines.Select(l => l.Line).ToHashSet();
        if (entries.Any(e => e.State == EntityState.Added && e.Entity is JournalLine line && !captured.Contains(line)))
        {
            throw new InvalidOperationException("A journal line can only be posted with its entry (Journal.PostAsync).");
        }

        foreach (var entry in entries.Where(
            e => e.Entity is Charge && e.State == EntityState.Modified && !newGiftCharges.Contains(((Charge)e.Entity).Id)))
        {
            capture.Settlement((EntityEntry<Charge>)context.Entry((Charge)entry.Entity));
        }

        foreach (var entry in entries.Where(
            e => e.Entity is Sponsorship && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            capture.Running(context.Entry((Sponsorship)entry.Entity));
        }

        capture.totals.FundsChanged = entries.Any(e => e.Entity is Funds.Fund or Funds.FundTranslation or Funds.FundSlugRedirect
            or Funds.FundPhoto or Funds.FundPhotoTranslation
            or Transparency.TransparencyReport
            && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        return capture.lines.Count == 0 && capture.totals.IsEmpty && !capture.totals.FundsChanged ? null : capture;
    }

    /// <summary>After the save: the lines' accounts have their ids.</summary>
    public PendingTotals Complete()
    {
        foreach (var (line, date, reversal) in lines)
        {
            totals.AddLine(line.AccountId != 0 ? line.AccountId : line.Account?.Id ?? 0, date, reversal, line.AmountMinor);
        }

        return totals.Accounts.ContainsKey(0) ? throw new InvalidOperationException("A journal line was saved without its account.") : totals;
    }

    private async Task GiftAsync(DbContext context, JournalEntry entry, CancellationToken cancellationToken)
    {
        var chargeId = entry.ChargeId!.Value;
        var charge = context.ChangeTracker.Entries<Charge>().FirstOrDefault(c => c.Entity.Id == chargeId)?.Entity
            ?? await context.Set<Charge>().FindAsync([chargeId], cancellationToken)
            ?? throw new InvalidOperationException($"The gift entry '{entry.IdempotencyKey}' names no charge.");
        var tracked = context.Entry(charge);
        var fundId = entry.FundId ?? charge.FundId ?? throw new InvalidOperationException($"The gift entry '{entry.IdempotencyKey}' names no fund.");
        if (charge.FundId is { } chargeFund && chargeFund != fundId)
        {
            throw new InvalidOperationException($"The gift entry '{entry.IdempotencyKey}' posts to another fund than its charge's.");
        }

        // Through the change tracker, so the values are saved also when automatic change detection is off.
        tracked.Property(c => c.GiftDate).CurrentValue = entry.Date;
        tracked.Property(c => c.FundId).CurrentValue = fundId;
        totals.AddGift(
            Bucket(fundId, charge.Currency, entry.Date, charge.SettledCurrency, charge.SettledAmountMinor),
            1,
            charge.AmountMinor,
            charge.SettledAmountMinor ?? 0);
        totals.Gifts.Add(new NewGift(chargeId, fundId, charge.Currency, entry.Date));
    }

    /// <summary>A payout settled a gift (or a correction changed its settlement): the gift moves between buckets of its day.</summary>
    private void Settlement(EntityEntry<Charge> entry)
    {
        var original = entry.OriginalValues;
        var (date, fundId) = (original.GetValue<DateOnly?>(nameof(Charge.GiftDate)), original.GetValue<Guid?>(nameof(Charge.FundId)));
        var (wasCurrency, wasAmount) = (original.GetValue<string?>(nameof(Charge.SettledCurrency)), original.GetValue<long?>(
            nameof(Charge.SettledAmountMinor)));
        var charge = entry.Entity;
        if (date is not { } day || fundId is not { } fund || (wasCurrency == charge.SettledCurrency && wasAmount == charge.SettledAmountMinor))
        {
            return;
        }

        totals.AddGift(Bucket(fund, charge.Currency, day, wasCurrency, wasAmount), -1, charge.AmountMinor, wasAmount ?? 0);
        totals.AddGift(
            Bucket(fund, charge.Currency, day, charge.SettledCurrency, charge.SettledAmountMinor),
            1,
            charge.AmountMinor,
            charge.SettledAmountMinor ?? 0);
    }

    private void Running(EntityEntry<Sponsorship> entry)
    {
        var sponsorship = entry.Entity;
        if (entry.State == EntityState.Modified
            && entry.OriginalValues.GetValue<Guid>(nameof(Sponsorship.DonorId)) is var from && from != sponsorship.DonorId)
        {
            totals.Moves.Add(new SponsorshipMove(sponsorship.Id, from, sponsorship.DonorId));
        }

        if (entry.State != EntityState.Added)
        {
            var original = entry.OriginalValues;
            if (Sponsorship.IsRunning(original.GetValue<SponsorshipStatus>(nameof(Sponsorship.Status))))
            {
                totals.AddRunning(original.GetValue<Guid>(nameof(Sponsorship.FundId)), original.GetValue<Guid>(nameof(Sponsorship.DonorId)), -1);
            }
        }

        if (entry.State != EntityState.Deleted && Sponsorship.IsRunning(sponsorship.Status))
        {
            totals.AddRunning(sponsorship.FundId, sponsorship.DonorId, 1);
        }

        Events(entry);
    }

    /// <summary>What the save did to a recurring sponsorship, as <see cref="SponsorshipEvent"/>s (<see cref="SponsorshipEvents.Of"/>).</summary>
    private void Events(EntityEntry<Sponsorship> entry)
    {
        var sponsorship = entry.Entity;
        var before = entry.State == EntityState.Added ? null : SponsorshipEvents.State.Of(
            entry.OriginalValues.GetValue<Guid>(nameof(Sponsorship.FundId)),
            entry.OriginalValues.GetValue<string>(nameof(Sponsorship.Currency)),
            entry.OriginalValues.GetValue<SponsorshipStatus>(nameof(Sponsorship.Status)),
            entry.OriginalValues.GetValue<long>(nameof(Sponsorship.AmountMinor)),
            entry.OriginalValues.GetValue<SponsorshipInterval>(nameof(Sponsorship.Interval)));
        var after = entry.State == EntityState.Deleted ? null : SponsorshipEvents.State.Of(
            sponsorship.FundId, sponsorship.Currency, sponsorship.Status, sponsorship.AmountMinor, sponsorship.Interval);
        totals.Events.AddRange(SponsorshipEvents.Of(sponsorship.Id, today, before, after, sponsorship.CancelReasonCode));
    }

    public static GiftBucket Bucket(Guid fundId, string currency, DateOnly date, string? settledCurrency, long? settledAmount) =>
        new(fundId, currency, date, settledAmount is null ? "" : settledCurrency ?? "");
}
