using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Core.Communications.Consent;
using Portal.Core.Data;

namespace Portal.Core.Communications.Updates;

/// <summary>
/// The messages of one send: a stencil per language and fund among the queued deliveries, rendered before the first
/// message, then filled in per recipient with their name, what they gave and their own unsubscribe link. Safe to use
/// from several senders at once.
/// </summary>
public sealed class UpdateLetters
{
    private readonly ImpactUpdate update;
    private readonly Dictionary<(string Language, Guid? FundId), UpdateStencil> stencils;
    private readonly Dictionary<Guid, string> fundNames;
    private readonly UnsubscribeLinks links;
    private readonly EmailOptions email;

    private UpdateLetters(
        ImpactUpdate update,
        Dictionary<(string, Guid?), UpdateStencil> stencils,
        Dictionary<Guid, string> fundNames,
        UnsubscribeLinks links,
        EmailOptions email)
    {
        this.update = update;
        this.stencils = stencils;
        this.fundNames = fundNames;
        this.links = links;
        this.email = email;
    }

    public static async Task<UpdateLetters> PrepareAsync(
        PortalDbContext db,
        IServiceScopeFactory scopes,
        ImpactUpdate update,
        UnsubscribeLinks links,
        EmailOptions email,
        CancellationToken cancellationToken)
    {
        var kinds = await db.UpdateDeliveries.Where(d => d.UpdateId == update.Id && d.Status == DeliveryStatus.Queued)
            .Select(d => new { d.Language, d.FundId }).Distinct().ToListAsync(cancellationToken);
        var stencils = new Dictionary<(string, Guid?), UpdateStencil>();
        await using var scope = scopes.CreateAsyncScope();
        var renderer = scope.ServiceProvider.GetRequiredService<UpdateStencils>();
        foreach (var kind in kinds.Select(k => (UpdateEmailText.For(k.Language).Language, k.FundId)).Distinct())
        {
            stencils[kind] = await renderer.RenderAsync(update, kind.Language, kind.FundId, cancellationToken);
        }

        var fundNames = await db.Funds.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, cancellationToken);
        return new UpdateLetters(update, stencils, fundNames, links, email);
    }

    public MimeMessage For(UpdateDelivery delivery)
    {
        var text = UpdateEmailText.For(delivery.Language);
        var stencil = stencils[(text.Language, delivery.FundId)];
        var fundName = delivery.FundId is { } fundId && fundNames.TryGetValue(fundId, out var name) ? name : null;
        var token = links.Token(delivery.DonorId, update.Topic);
        var unsubscribe = links.UnsubscribeUrl(token);
        var (html, plain) = stencil.For(
            delivery.ToName,
            UpdateStencils.GivenLine(text, delivery.GivenThisYearMinor, delivery.GivenCurrency, fundName),
            unsubscribe,
            links.PreferencesUrl(token));
        return BulkMessage(email, delivery.Id, delivery.ToName, delivery.ToAddress, stencil.Subject, html, plain, unsubscribe, update.Topic);
    }

    /// <summary>
    /// A bulk message: RFC 8058 one-click unsubscribe headers (a mail client's "unsubscribe" button POSTs to the link),
    /// and a Message-ID made from the delivery, so any copy of it is recognisably the same message.
    /// </summary>
    public static MimeMessage BulkMessage(
        EmailOptions email,
        Guid id,
        string toName,
        string toAddress,
        string subject,
        string html,
        string plain,
        Uri unsubscribe,
        MailTopics topic)
    {
        var domain = email.FromAddress.Split('@')[^1];
        var message = new MimeMessage { Subject = subject, MessageId = $"{id:N}@{domain}" };
        message.From.Add(new MailboxAddress(email.FromName, email.FromAddress));
        message.To.Add(new MailboxAddress(toName, toAddress));
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribe.AbsoluteUri}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        // Words for people and a kebab-case id for filters, as the preferences page names the topic.
        message.Headers.Add("List-Id", $"{ConsentWordings.Preferences(topic).Label} <{ConsentWordings.Slug(topic)}.{domain}>");
        message.Headers.Add("X-Portal-Category", EmailCategory.Bulk.ToString());
        message.Body = new BodyBuilder { TextBody = plain, HtmlBody = html }.ToMessageBody();
        return message;
    }
}
