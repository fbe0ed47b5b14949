using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Staff;

/// <summary>Staff sign-in settings (section <c>Staff</c>): the second factor and the staff session's lifetime.</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>Communications staff need a second factor too (Admin and Finance always do).</summary>
    public bool RequireSecondFactorForCommunications { get; set; }

    /// <summary>The longest a staff session lasts from sign-in, however busy.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(10);

    /// <summary>A staff session ends after this long without a request (sliding).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How often each node checks a staff cookie's security stamp against the database: a sign-out, password change,
    /// factor change or deactivation ends every saved cookie of that member of staff within this time, on every node.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SecurityStampValidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The passkeys' relying party id: the host name staff browse the portal at, or a registrable parent of it. Empty:
    /// the request's host, which is right unless a reverse proxy rewrites the Host header. Changing it voids every passkey.
    /// </summary>
    [RegularExpression("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$", ErrorMessage = "Staff:PasskeyDomain is a host name, without scheme or port.")]
    public string? PasskeyDomain { get; set; }
}
