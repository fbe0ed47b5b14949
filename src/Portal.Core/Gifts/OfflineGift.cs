namespace Portal.Core.Gifts;

/// <summary>
/// A gift the charity received itself: by bank transfer, cheque or cash. The gift is an ordinary one-time
/// <see cref="Sponsorships.Sponsorship"/> and its paid <see cref="Sponsorships.Charge"/> (so receipts, tax statements, the
/// donor's page and the fund's figures count it like any gift); this record says how it came and from which bank line.
/// </summary>
public class OfflineGift
{
    /// <summary>The form's token for a gift typed in by staff, so a second submit of the same form finds this gift.</summary>
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ChargeId { get; set; }

    public OfflineGiftMethod Method { get; set; }

    /// <summary>The day the money arrived (the bank's booking day for a statement line).</summary>
    public DateOnly ReceivedOn { get; set; }

    /// <summary>The statement line booked as this gift: unique, so a line becomes one gift however often it is booked.</summary>
    public long? BankLineId { get; set; }

    /// <summary>For a gift from a CSV batch: the file's SHA-256 and the row's line, unique, so a batch imports once.</summary>
    public string? ImportKey { get; set; }

    /// <summary>The payer as the bank named them (an account holder may not be the donor).</summary>
    public string? PayerName { get; set; }

    /// <summary>The payer's IBAN without spaces, in capitals: a later credit from it is offered as this donor's.</summary>
    public string? PayerIban { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }
}

public enum OfflineGiftMethod
{
    BankTransfer = 1,
    Cheque = 2,
    Cash = 3,
}

/// <summary>
/// The payment reference of one donor's gifts to one fund ("RF" + check digits + "G" + ten characters): printed on the
/// donor's page and receipts for a standing order, it names both, so a credit that carries it books without a question.
/// Given once per donor and fund, never changed; a merged donor's references keep naming them (and so the kept donor).
/// </summary>
public class GiftReference
{
    public required string Reference { get; set; }

    public Guid DonorId { get; set; }

    public Guid FundId { get; set; }

    public DateTime CreatedAt { get; set; }
}
