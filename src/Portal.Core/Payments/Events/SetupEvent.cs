namespace Portal.Core.Payments.Events;

/// <summary>A donor saved a new payment method on a setup-mode checkout the portal started.</summary>
public sealed record SetupEvent(Guid DonorId, string CheckoutSessionId, string SetupIntentId, string? CustomerId);
