namespace Portal.Core.Communications;

/// <summary>A message ready for the outbox: subject, HTML and the plain-text alternative.</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text);
