using Microsoft.Playwright;
using Portal.Core.Staff;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Browser;

/// <summary>A staff member signs in in the browser as a person would: the login form, then the authenticator's code.</summary>
public static class StaffBrowser
{
    public static async Task SignInAsync(IPage page, StaffMember member)
    {
        // What the server answered to each form, for the message when a step does not move on.
        var answers = new List<string>();
        void Answered(object? sender, IResponse response)
        {
            if (response.Request.Method == "POST")
            {
                lock (answers)
                {
                    answers.Add($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} POST {new Uri(response.Url).AbsolutePath} {response.Status}");
                }
            }
        }

        page.Response += Answered;
        try
        {
            await page.GotoAsync("/staff/login");
            await page.FillAsync("#Input_Email", member.Email);
            await page.FillAsync("#Input_Password", member.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await WaitAsync(
                page, member, answers, "the password", url => url.AbsolutePath.StartsWith("/staff/login/two-factor", StringComparison.Ordinal));
            await page.FillAsync("#Input_Code", AuthenticatorCode.At(member.AuthenticatorKey, DateTimeOffset.UtcNow));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await WaitAsync(page, member, answers, "the code", url => !url.AbsolutePath.StartsWith("/staff/login", StringComparison.Ordinal));
        }
        finally
        {
            page.Response -= Answered;
        }
    }

    /// <summary>
    /// Waits for the next page by its address alone, and if it does not come, says where the browser stayed and what
    /// the page and the server said. Not <c>WaitForURLAsync</c>: when the address has already changed, it goes on to wait
    /// for the page's load event, and once in CI that wait ran out after 30 s with "NetworkIdle event fired" in its log.
    /// The sign-in needs only the address; the next step waits for what it needs itself.
    /// </summary>
    private static async Task WaitAsync(IPage page, StaffMember member, List<string> answers, string step, Func<Uri, bool> next)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!next(new Uri(page.Url)))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                var alert = await page.Locator("[role=alert]").AllInnerTextsAsync();
                string said;
                lock (answers)
                {
                    said = string.Join("; ", answers);
                }

                throw new InvalidOperationException(
                    $"{member.Email}'s sign-in did not move on after {step} at {DateTimeOffset.UtcNow:HH:mm:ss.fff}: the browser is on "
                        + $"{page.Url} (\"{await page.TitleAsync()}\"), alerts [{string.Join(" | ", alert)}], answers [{said}]");
            }

            await Task.Delay(50);
        }
    }
}
