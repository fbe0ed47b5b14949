namespace Portal.Core.Data;

/// <summary>
/// An entity with an optimistic concurrency token. <see cref="VersionStamp"/> bumps it on every save that modifies
/// the row, so of two writers that read the same version only the first commits; the second gets a
/// DbUpdateConcurrencyException and re-reads.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
