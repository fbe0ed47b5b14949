namespace Portal.Web.Resources;

/// <summary>
/// The texts of the Finance staff pages, in FinanceText.resx: English only, the English text being the key (decision 030:
/// staff pages may stay English, but through the same resources as the donor pages).
/// </summary>
public sealed class FinanceText;
