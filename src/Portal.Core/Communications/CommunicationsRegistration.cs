using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Bounces;
using Portal.Core.Communications.Receipts;
using Portal.Core.Hosting;

namespace Portal.Core.Communications;

public static class CommunicationsRegistration
{
    public static IServiceCollection AddCommunications(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        services.AddValidatedOptions<EmailOptions>(EmailOptions.Section);
        services.AddScoped<EmailRenderer>();
        services.AddScoped<EmailOutbox>();
        services.AddScoped<ReceiptMail>();
        services.AddSingleton<Audiences.AudienceCounts>();
        services.AddSingleton<DeferredEmails>();
        services.AddScoped<IDeferredEmailRenderer, DeferredReceipt>();
        services.AddScoped<IDeferredEmailRenderer, DeferredAmendedReceipt>();
        services.AddSingleton<SendQueuedEmails>();
        services.AddValidatedOptions<Updates.UpdateSendOptions>(Updates.UpdateSendOptions.Section);
        services.AddSingleton<Consent.UnsubscribeLinks>();
        services.AddScoped<Consent.MailConsent>();
        services.AddScoped<Updates.UpdateStencils>();
        services.AddScoped<Updates.UpdateDesk>();
        services.AddSingleton<Updates.ExpandAudience>();
        services.AddSingleton<Updates.DeliveryClaims>();
        services.AddSingleton<Updates.DeliveryResults>();
        services.AddSingleton<Updates.SendImpactUpdate>();
        services.AddSingleton<Updates.UpdateSends>();
        services.AddValidatedOptions<ImapBounceOptions>(ImapBounceOptions.Section);
        services.AddScoped<SuppressHardBounces>();
        services.AddSingleton<ReadBounces>();
        services.AddSingleton(new MailboxFolder(Path.Combine(dataFolder, "mailbox")));
        var transport = configuration.GetSection(EmailOptions.Section).GetValue(nameof(EmailOptions.Transport), EmailTransportKind.Mailbox);
        if (transport == EmailTransportKind.Smtp)
        {
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }
        else
        {
            services.AddSingleton<IMailTransport, MailboxFolderTransport>();
        }

        return services;
    }
}
