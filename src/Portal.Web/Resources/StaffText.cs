namespace Portal.Web.Resources;

/// <summary>
/// The texts of the Communications, Admin and staff sign-in pages (headings, statuses, errors, validation messages), in
/// StaffText.resx: English only, the English text being the key (decision 030: staff pages may stay English, but
/// through the same resources as the donor pages).
/// </summary>
public sealed class StaffText;
