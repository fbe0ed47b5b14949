using System.Globalization;
using Portal.Testing;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>The portal's mail settings for sending through the real SMTP server in the test process.</summary>
public static class Mail
{
    public static Dictionary<string, string?> SmtpSettings(this TestSmtpServer smtp) => new()
    {
        ["Email:Transport"] = "Smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
    };
}
