using Microsoft.AspNetCore.Mvc;
using Portal.Core.Communications.Consent;

namespace Portal.Web.Pages.Account;

/// <summary>From the account page to the signed-in donor's own preferences page (the same one a message links to).</summary>
public sealed class MailPreferencesModel(UnsubscribeLinks links) : DonorPageModel
{
    public IActionResult OnGet() => Redirect($"/mail-preferences/{links.Token(DonorId, MailTopics.ImpactUpdates)}?via=account");
}
