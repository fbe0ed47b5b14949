namespace Portal.Web.Resources;

/// <summary>
/// The texts of the donor-facing pages, in DonorText.resx (English, the key) and DonorText.de/fr/es.resx: one shared
/// resource for pages, data-annotation messages and the messages page models put in the model state.
/// </summary>
public sealed class DonorText;
