namespace Portal.FakeStripe;

/// <summary>What goes wrong with a request. "Before execution" faults store nothing; "after" ones store the real result.</summary>
public enum FaultKind
{
    /// <summary>429 rate_limit; nothing executed, nothing stored under the idempotency key.</summary>
    RateLimit,

    /// <summary>503 api_error before anything executed: a retry executes for the first time.</summary>
    ServerErrorBeforeExecution,

    /// <summary>The operation executes and its result is stored, but this response is a 500 api_error.</summary>
    ServerErrorAfterExecution,

    /// <summary>
    /// The operation executes and is stored, then the response is held (see <see cref="FaultInjector.TimeoutHold"/>) until the
    /// client gives up.
    /// </summary>
    TimeoutAfterExecution,

    /// <summary>The operation executes and is stored, then the connection is dropped without a response.</summary>
    ConnectionResetAfterExecution,
}

/// <summary>The request a fault rule looks at.</summary>
public readonly record struct FaultContext(string Method, string Path, string? IdempotencyKey);
