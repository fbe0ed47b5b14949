namespace Portal.Core.Transparency;

/// <summary>Something in a report that may identify a child, and where it was found, for the editor to look at.</summary>
/// <param name="Where">"stories" or "outcome 2".</param>
/// <param name="Found">The words that raised it, as written.</param>
public sealed record ChildDataWarning(ChildDataKind Kind, string Where, string Found)
{
    public string Message => Kind switch
    {
        ChildDataKind.Name => $"A possible name in {Where}: \"{Found}\". Use no child's name, not even a first name.",
        ChildDataKind.Place => $"A possible exact place in {Where}: \"{Found}\". Name the town or region at most.",
        ChildDataKind.Face => $"An image in {Where}: \"{Found}\". Show no child's face; check the picture or remove it.",
        _ => Found,
    };
}

public enum ChildDataKind
{
    Name = 1,
    Place = 2,
    Face = 3,
}
