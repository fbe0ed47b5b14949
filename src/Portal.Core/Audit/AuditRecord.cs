namespace Portal.Core.Audit;

/// <summary>What a member of staff did, when, from where. Written by <see cref="AuditLog"/>, never edited.</summary>
public class AuditRecord
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>The staff user's id, or "system" for work done by a job or the command line.</summary>
    public required string ActorId { get; set; }

    public required string ActorName { get; set; }

    /// <summary>"staff.signed-in", "staff.created", ...</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to: "user:{id}", "fund:{id}".</summary>
    public string? Subject { get; set; }

    public string? Details { get; set; }

    public string? IpAddress { get; set; }

    /// <summary>Its place in the audit chain, given when it is sealed (a minute or so after it is written); null until then.</summary>
    public long? ChainIndex { get; set; }

    /// <summary>The previous sealed record's <see cref="Hash"/> (64 zeros for the first).</summary>
    public string? PreviousHash { get; set; }

    /// <summary>SHA-256 of the previous hash and every field of this record: change one and every later hash breaks.</summary>
    public string? Hash { get; set; }

    /// <summary>
    /// SHA-256 of the personal text (<see cref="ActorName"/>, <see cref="Details"/>, <see cref="IpAddress"/>), given at
    /// sealing; the chain's <see cref="Hash"/> covers this digest rather than the text, so an erasure can replace the
    /// text and the chain still verifies. Null on records sealed before digests (their hash covers the text itself).
    /// </summary>
    public string? PersonalDigest { get; set; }

    /// <summary>When an erasure replaced this record's personal text; the digest of the original stays.</summary>
    public DateTime? RedactedAt { get; set; }
}
