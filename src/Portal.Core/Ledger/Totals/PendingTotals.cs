namespace Portal.Core.Ledger.Totals;

/// <summary>
/// What one transaction changes in the totals, gathered over its saves and written when it commits: per account, per
/// account and day, per fund's gift day, the gifts whose donors' chains move, and running sponsorships per fund and donor.
/// </summary>
internal sealed class PendingTotals
{
    public Dictionary<long, (long Amount, long Reversed, long Lines)> Accounts { get; } = [];

    public Dictionary<(long AccountId, DateOnly Date), (long Posted, long Reversed, long Lines)> Days { get; } = [];

    public Dictionary<GiftBucket, (long Gifts, long Gross, long Settled)> GiftDays { get; } = [];

    /// <summary>Gifts posted in this transaction: each moves its donor's chain of gift dates.</summary>
    public List<NewGift> Gifts { get; } = [];

    /// <summary>The net change in running sponsorships per fund and donor.</summary>
    public Dictionary<(Guid FundId, Guid DonorId), int> Running { get; } = [];

    /// <summary>Sponsorships given to another donor (a merge, or its undoing): both donors' chains of gift dates change.</summary>
    public List<SponsorshipMove> Moves { get; } = [];

    /// <summary>What happened to recurring sponsorships: rows of <see cref="SponsorshipEvent"/>, counted per month.</summary>
    public List<SponsorshipEvent> Events { get; } = [];

    /// <summary>A fund or a published report changed: the public pages must show it.</summary>
    public bool FundsChanged { get; set; }

    public bool IsEmpty => Accounts.Count == 0 && GiftDays.Count == 0 && Gifts.Count == 0 && Running.Count == 0 && Moves.Count == 0
        && Events.Count == 0;

    public void AddLine(long accountId, DateOnly date, bool reversal, long amount)
    {
        var (total, reversedTotal, lines) = Accounts.GetValueOrDefault(accountId);
        Accounts[accountId] = (checked(total + amount), reversal ? checked(reversedTotal + amount) : reversedTotal, lines + 1);
        var (posted, reversed, dayLines) = Days.GetValueOrDefault((accountId, date));
        Days[(accountId, date)] = reversal ? (posted, checked(reversed + amount), dayLines + 1) : (checked(posted + amount), reversed, dayLines + 1);
    }

    public void AddGift(GiftBucket bucket, int sign, long gross, long settled)
    {
        var (gifts, grossSum, settledSum) = GiftDays.GetValueOrDefault(bucket);
        GiftDays[bucket] = (gifts + sign, checked(grossSum + sign * gross), checked(settledSum + sign * settled));
    }

    public void AddRunning(Guid fundId, Guid donorId, int change)
    {
        var net = Running.GetValueOrDefault((fundId, donorId)) + change;
        if (net == 0)
        {
            Running.Remove((fundId, donorId));
        }
        else
        {
            Running[(fundId, donorId)] = net;
        }
    }

    public void Merge(PendingTotals other)
    {
        foreach (var (id, (amount, reversed, lines)) in other.Accounts)
        {
            var (total, reversedTotal, count) = Accounts.GetValueOrDefault(id);
            Accounts[id] = (checked(total + amount), checked(reversedTotal + reversed), count + lines);
        }

        foreach (var (key, (posted, reversed, lines)) in other.Days)
        {
            var (p, r, l) = Days.GetValueOrDefault(key);
            Days[key] = (checked(p + posted), checked(r + reversed), l + lines);
        }

        foreach (var (bucket, (gifts, gross, settled)) in other.GiftDays)
        {
            var (g, s, t) = GiftDays.GetValueOrDefault(bucket);
            GiftDays[bucket] = (g + gifts, checked(s + gross), checked(t + settled));
        }

        Gifts.AddRange(other.Gifts);
        Moves.AddRange(other.Moves);
        Events.AddRange(other.Events);
        FundsChanged |= other.FundsChanged;
        foreach (var ((fundId, donorId), change) in other.Running)
        {
            AddRunning(fundId, donorId, change);
        }
    }
}

/// <summary>Where a gift is counted: its fund, currency and accounting date, and where it was settled ("" when not yet).</summary>
internal readonly record struct GiftBucket(Guid FundId, string Currency, DateOnly Date, string SettledCurrency);

/// <summary>A sponsorship whose donor changed in the transaction being committed.</summary>
internal sealed record SponsorshipMove(Guid SponsorshipId, Guid From, Guid To);

/// <summary>A gift posted in the transaction being committed.</summary>
internal sealed record NewGift(Guid ChargeId, Guid FundId, string Currency, DateOnly Date);
