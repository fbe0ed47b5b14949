namespace Portal.Web.Tests.Security;

/// <summary>Who may use an endpoint.</summary>
public enum Access
{
    /// <summary>Anyone; the page itself refuses what is not theirs (a signed link's token, a sandbox session id).</summary>
    Anonymous,

    /// <summary>A signed-in donor (the donor cookie); staff and visitors are sent to the donor sign-in.</summary>
    Donor,

    /// <summary>Staff with the Admin role.</summary>
    Admin,

    /// <summary>Staff with the Finance role (or Admin).</summary>
    Finance,

    /// <summary>Staff with the Communications role (or Admin).</summary>
    Communications,

    /// <summary>Staff with the DonorCare role, Finance or Admin: donor care's pages, never the ledger.</summary>
    DonorCare,

    /// <summary>Staff with Finance, Communications or Admin: the fundraising figures and lists.</summary>
    Fundraising,

    /// <summary>Any signed-in staff member, whatever the role.</summary>
    AnyStaff,

    /// <summary>Anyone, while the sandbox is the gateway (404 otherwise: <c>SandboxOnlyFilter</c>).</summary>
    SandboxOnly,

    /// <summary>The local mailbox: anyone in Development (where these tests run), Admin elsewhere.</summary>
    Mailbox,
}

/// <summary>
/// The expectation table: every endpoint the app maps, with who may use it. A new endpoint that is not here fails
/// <see cref="EndpointAccessTests.Every_endpoint_is_in_the_expectation_table"/>: add one row per method and handler.
/// </summary>
public static class AccessTable
{
    public static readonly IReadOnlyDictionary<string, Access> Expected = new Dictionary<string, Access>(StringComparer.OrdinalIgnoreCase)
    {
        // Public pages and files.
        ["GET /"] = Access.Anonymous,
        ["GET /Index"] = Access.Anonymous,
        ["GET /{section:regex(^(funds|villages|programs)$)}"] = Access.Anonymous,
        ["GET /funds/{slug}"] = Access.Anonymous,
        ["GET /funds/{slug}/image.svg"] = Access.Anonymous,
        ["GET /funds/{slug}/photos/{id:guid}"] = Access.Anonymous,
        ["GET /funds/{slug}/sponsor"] = Access.Anonymous,
        ["POST /funds/{slug}/sponsor"] = Access.Anonymous,
        ["POST /language"] = Access.Anonymous,
        ["GET /sponsor/cancelled"] = Access.Anonymous,
        ["GET /sponsor/thank-you"] = Access.Anonymous,
        ["GET /transparency/{fund}/{period}"] = Access.Anonymous,
        ["GET /updates/{id:guid}"] = Access.Anonymous,
        ["GET /updates/images/{id:guid}"] = Access.Anonymous,
        ["GET /status/{code:int}"] = Access.Anonymous,
        ["POST /status/{code:int}"] = Access.Anonymous,
        ["GET /{**path:file}"] = Access.Anonymous,
        ["GET /health"] = Access.Anonymous,
        ["GET /health/live"] = Access.Anonymous,
        ["GET /health/ready"] = Access.Anonymous,

        // Signed links: no sign-in, the token is the key (SignedTokenTests).
        ["GET /unsubscribe/{token}"] = Access.Anonymous,
        ["POST /unsubscribe/{token}"] = Access.Anonymous,
        ["GET /mail-preferences/{token}"] = Access.Anonymous,
        ["POST /mail-preferences/{token}"] = Access.Anonymous,
        ["GET /pay/{token}"] = Access.Anonymous,
        ["POST /pay/{token}"] = Access.Anonymous,

        // The gateway's webhook: the signature on the body is the key (Webhooks tests).
        ["POST /webhooks/stripe"] = Access.Anonymous,

        // The sandbox gateway's hosted pages.
        ["GET /sandbox/checkout/{sessionId}"] = Access.SandboxOnly,
        ["POST /sandbox/checkout/{sessionId}"] = Access.SandboxOnly,
        ["GET /sandbox/checkout/{sessionId}/authenticate"] = Access.SandboxOnly,
        ["POST /sandbox/checkout/{sessionId}/authenticate"] = Access.SandboxOnly,
        ["GET /sandbox/setup/{sessionId}"] = Access.SandboxOnly,
        ["POST /sandbox/setup/{sessionId}"] = Access.SandboxOnly,

        // Donor sign-in and the donor's account.
        ["GET /account/sign-in"] = Access.Anonymous,
        ["POST /account/sign-in"] = Access.Anonymous,
        ["GET /account/sign-in/confirm"] = Access.Anonymous,
        ["POST /account/sign-in/confirm"] = Access.Anonymous,
        ["GET /account"] = Access.Donor,
        ["GET /account?handler=Csv"] = Access.Donor,
        ["GET /account/sign-out"] = Access.Donor,
        ["POST /account/sign-out"] = Access.Donor,
        ["POST /account/sign-out?handler=Everywhere"] = Access.Donor,
        ["GET /account/privacy"] = Access.Donor,
        ["GET /account/privacy?handler=Csv"] = Access.Donor,
        ["GET /account/privacy?handler=Json"] = Access.Donor,
        ["POST /account/privacy?handler=Erase"] = Access.Donor,
        ["GET /account/mail-preferences"] = Access.Donor,
        ["GET /account/payment-method"] = Access.Donor,
        ["POST /account/payment-method"] = Access.Donor,
        ["GET /account/receipts/{id:guid}"] = Access.Donor,
        ["GET /account/tax-statements/{year:int}"] = Access.Donor,
        ["GET /account/sponsorships/{id:guid}"] = Access.Donor,
        ["POST /account/sponsorships/{id:guid}?handler=Amount"] = Access.Donor,
        ["POST /account/sponsorships/{id:guid}?handler=Cancel"] = Access.Donor,
        ["POST /account/sponsorships/{id:guid}?handler=Day"] = Access.Donor,
        ["POST /account/sponsorships/{id:guid}?handler=Interval"] = Access.Donor,
        ["POST /account/sponsorships/{id:guid}?handler=Fund"] = Access.Donor,
        ["POST /account/sponsorships/{id:guid}?handler=Pause"] = Access.Donor,
        ["POST /account/sponsorships/{id:guid}?handler=RefundRequest"] = Access.Donor,
        ["POST /account/sponsorships/{id:guid}?handler=Resume"] = Access.Donor,
        ["POST /account/sponsorships/{id:guid}?handler=Skip"] = Access.Donor,

        // The local mailbox.
        ["GET /mailbox"] = Access.Mailbox,
        ["GET /mailbox/{file}"] = Access.Mailbox,

        // Staff sign-in.
        ["GET /staff/login"] = Access.Anonymous,
        ["POST /staff/login"] = Access.Anonymous,
        ["GET /staff/logout"] = Access.Anonymous,
        ["POST /staff/logout"] = Access.Anonymous,
        ["GET /staff/login/two-factor"] = Access.Anonymous,
        ["POST /staff/login/two-factor"] = Access.Anonymous,
        ["POST /staff/login?handler=Passkey"] = Access.Anonymous,
        ["POST /staff/login?handler=PasskeyOptions"] = Access.Anonymous,
        ["GET /staff/set-password"] = Access.Anonymous,
        ["POST /staff/set-password"] = Access.Anonymous,
        ["GET /staff/security"] = Access.AnyStaff,
        ["GET /staff/security/authenticator"] = Access.AnyStaff,
        ["POST /staff/security/authenticator"] = Access.AnyStaff,
        ["POST /staff/security?handler=AddPasskey"] = Access.AnyStaff,
        ["POST /staff/security?handler=PasskeyOptions"] = Access.AnyStaff,
        ["POST /staff/security?handler=RecoveryCodes"] = Access.AnyStaff,
        ["POST /staff/security?handler=RemovePasskey"] = Access.AnyStaff,
        ["POST /staff/security?handler=SignInAgain"] = Access.AnyStaff,
        ["GET /staff/password"] = Access.AnyStaff,
        ["POST /staff/password"] = Access.AnyStaff,

        // Admin.
        ["GET /Admin"] = Access.Admin,
        ["GET /Admin/Staff"] = Access.Admin,
        ["POST /Admin/Staff?handler=Invite"] = Access.Admin,
        ["GET /Admin/Staff/Member/{id}"] = Access.Admin,
        ["POST /Admin/Staff/Member/{id}?handler=Deactivate"] = Access.Admin,
        ["POST /Admin/Staff/Member/{id}?handler=Reactivate"] = Access.Admin,
        ["POST /Admin/Staff/Member/{id}?handler=ResetFactor"] = Access.Admin,
        ["POST /Admin/Staff/Member/{id}?handler=Roles"] = Access.Admin,
        ["GET /admin/jobs"] = Access.Admin,

        // Finance.
        ["GET /Finance"] = Access.Finance,
        ["GET /Finance?handler=Csv"] = Access.Finance,
        ["GET /Finance?handler=MonthlyCsv"] = Access.Finance,
        ["GET /Finance/Audit"] = Access.Finance,
        ["POST /Finance/Audit?handler=Verify"] = Access.Finance,
        ["GET /Finance/Bank"] = Access.Finance,
        ["GET /Finance/Bank?handler=Csv"] = Access.Finance,
        ["POST /Finance/Bank?handler=Ignore"] = Access.Finance,
        ["POST /Finance/Bank?handler=Import"] = Access.Finance,
        ["POST /Finance/Bank?handler=Match"] = Access.Finance,
        ["POST /Finance/Bank?handler=Run"] = Access.Finance,
        ["GET /Finance/Close"] = Access.Finance,
        ["POST /Finance/Close"] = Access.Finance,
        ["GET /Finance/Disputes"] = Access.Finance,
        ["GET /Finance/Disputes?handler=Csv"] = Access.Finance,
        ["GET /Finance/Exports"] = Access.Finance,
        ["GET /Finance/Exports?handler=Download"] = Access.Finance,
        ["GET /Finance/Privacy"] = Access.Finance,
        ["GET /Finance/Privacy?handler=Export"] = Access.Finance,
        ["POST /Finance/Privacy"] = Access.Finance,
        ["GET /Finance/PastDue"] = Access.Finance,
        ["GET /Finance/PastDue?handler=Csv"] = Access.Finance,
        ["POST /Finance/PastDue?handler=Contact"] = Access.Finance,
        ["POST /Finance/PastDue?handler=Retry"] = Access.Finance,
        ["GET /Finance/Payouts"] = Access.Finance,
        ["GET /Finance/Payouts?handler=Csv"] = Access.Finance,
        ["POST /Finance/Payouts?handler=Resolve"] = Access.Finance,
        ["GET /finance/payouts/{id:long}"] = Access.Finance,
        ["GET /finance/payouts/{id:long}?handler=Csv"] = Access.Finance,
        ["GET /Finance/Refunds"] = Access.Finance,
        ["GET /Finance/Refunds?handler=Csv"] = Access.Finance,
        ["POST /Finance/Refunds"] = Access.Finance,
        ["POST /Finance/Refunds?handler=Decline"] = Access.Finance,
        ["GET /Finance/Gifts"] = Access.Finance,
        ["GET /finance/fundraising"] = Access.Fundraising,
        ["GET /finance/fundraising?handler=Export"] = Access.Fundraising,
        ["GET /finance/fundraising?handler=List"] = Access.Fundraising,
        ["POST /Finance/Gifts?handler=Record"] = Access.Finance,
        ["POST /Finance/Gifts?handler=Book"] = Access.Finance,
        ["POST /Finance/Gifts?handler=BookMatched"] = Access.Finance,
        ["POST /Finance/Gifts?handler=Import"] = Access.Finance,
        ["GET /Finance/Runs"] = Access.Finance,
        ["GET /Finance/Runs?handler=Csv"] = Access.Finance,
        ["GET /Finance/Runs?handler=Progress"] = Access.Finance,
        ["POST /Finance/Runs?handler=Start"] = Access.Finance,
        ["GET /Finance/Spending"] = Access.Finance,
        ["GET /Finance/Spending?handler=Csv"] = Access.Finance,
        ["POST /Finance/Spending?handler=Add"] = Access.Finance,
        ["POST /Finance/Spending?handler=Import"] = Access.Finance,
        ["GET /Finance/Statements"] = Access.Finance,
        ["GET /Finance/Statements?handler=Csv"] = Access.Finance,

        // Donor care.
        ["GET /Donors"] = Access.DonorCare,
        ["GET /donors/{id:guid}"] = Access.DonorCare,
        ["GET /donors/duplicates"] = Access.DonorCare,
        ["GET /donors/duplicates?handler=Csv"] = Access.DonorCare,
        ["POST /donors/{id:guid}?handler=Note"] = Access.DonorCare,
        ["POST /donors/{id:guid}?handler=Details"] = Access.DonorCare,
        ["POST /donors/{id:guid}?handler=Change"] = Access.DonorCare,
        ["POST /donors/{id:guid}?handler=Refund"] = Access.DonorCare,
        ["POST /donors/{id:guid}?handler=Resend"] = Access.DonorCare,
        ["POST /donors/{id:guid}?handler=Merge"] = Access.DonorCare,
        ["POST /donors/{id:guid}?handler=UndoMerge"] = Access.DonorCare,
        ["POST /donors/{id:guid}?handler=ConfirmMerge"] = Access.DonorCare,

        // Communications.
        ["GET /Communications"] = Access.Communications,
        ["POST /Communications?handler=Count"] = Access.Communications,
        ["GET /Communications/Reports"] = Access.Communications,
        ["GET /Communications/Reports?handler=Csv"] = Access.Communications,
        ["POST /Communications/Reports?handler=Build"] = Access.Communications,
        ["GET /Communications/Funds"] = Access.Communications,
        ["GET /communications/funds/edit/{id:guid?}"] = Access.Communications,
        ["POST /communications/funds/edit/{id:guid?}"] = Access.Communications,
        ["GET /communications/funds/edit/{id:guid?}?handler=Photo"] = Access.Communications,
        ["POST /communications/funds/edit/{id:guid?}?handler=MainPhoto"] = Access.Communications,
        ["POST /communications/funds/edit/{id:guid?}?handler=Photo"] = Access.Communications,
        ["POST /communications/funds/edit/{id:guid?}?handler=Move"] = Access.Communications,
        ["POST /communications/funds/edit/{id:guid?}?handler=PhotoTexts"] = Access.Communications,
        ["POST /communications/funds/edit/{id:guid?}?handler=RemovePhoto"] = Access.Communications,
        ["GET /communications/reports/{id:guid}"] = Access.Communications,
        ["POST /communications/reports/{id:guid}?handler=Publish"] = Access.Communications,
        ["POST /communications/reports/{id:guid}?handler=Save"] = Access.Communications,
        ["GET /Communications/Updates"] = Access.Communications,
        ["GET /Communications/Updates?handler=Csv"] = Access.Communications,
        ["GET /communications/updates/{id:guid}"] = Access.Communications,
        ["GET /communications/updates/{id:guid}?handler=Csv"] = Access.Communications,
        ["GET /communications/updates/{id:guid}?handler=Progress"] = Access.Communications,
        ["POST /communications/updates/{id:guid}?handler=Cancel"] = Access.Communications,
        ["POST /communications/updates/{id:guid}?handler=ResendUncertain"] = Access.Communications,
        ["POST /communications/updates/{id:guid}?handler=Schedule"] = Access.Communications,
        ["POST /communications/updates/{id:guid}?handler=Send"] = Access.Communications,
        ["POST /communications/updates/{id:guid}?handler=Test"] = Access.Communications,
        ["GET /communications/updates/edit/{id:guid?}"] = Access.Communications,
        ["POST /communications/updates/edit/{id:guid?}"] = Access.Communications,
        ["POST /communications/updates/edit/{id:guid?}?handler=Image"] = Access.Communications,
    };

    /// <summary>The app's own fingerprinted CSS and JavaScript (names change with each edit): public, not in the table.</summary>
    public static bool IsStaticAsset(EndpointCase endpoint) =>
        endpoint.Route.StartsWith("/css/", StringComparison.Ordinal) || endpoint.Route.StartsWith("/js/", StringComparison.Ordinal)
        || endpoint.Route.StartsWith("/favicon.", StringComparison.Ordinal);

    /// <summary>
    /// POSTs that take no anti-forgery token, each with its reason: the cached sponsor form checks the browser's origin
    /// instead (decision 018); a mail client's one-click unsubscribe carries no cookie (RFC 8058); the status page is
    /// only re-executed for another request's error; the webhook is signed by the gateway; an anonymous reader's language
    /// switcher is on cached public pages and checks the origin as the sponsor form does (decision 030), while a signed-in
    /// donor's carries a token.
    /// </summary>
    public static readonly IReadOnlySet<string> WithoutAntiforgery = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "POST /funds/{slug}/sponsor",
        "POST /language",
        "POST /unsubscribe/{token}",
        "POST /status/{code:int}",
        "POST /webhooks/stripe",
    };

    /// <summary>A value for each route parameter that the route accepts (the page may still answer 404).</summary>
    public static string Sample(string parameter, string route) => parameter switch
    {
        "id" when route.Contains("{id:long}", StringComparison.Ordinal) => "1",
        "id" => "0190a0a0-0000-7000-8000-000000000001",
        "slug" or "fund" => "nairobi",
        "year" => "2026",
        "code" => "404",
        "period" => "2026",
        "section" => "funds",
        "path" => "",
        _ => "x",
    };
}
