using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Languages;
using Portal.Core.Payments;
using Portal.Core.Shared;

namespace Portal.Core.Sponsorships;

/// <summary>The server's checks of a sponsor form. Each problem is named by its field, in words a donor understands.</summary>
public sealed class SponsorshipRules(CurrencyRules currencies)
{
    public const int NameMaxLength = 120;

    /// <summary>Parses a typed amount exactly and checks it against the currency's limits; null when it is good.</summary>
    public DonorMessage? CheckAmount(string? text, Currency currency, out Money amount)
    {
        var (minimum, maximum) = currencies.Limits(currency);
        if (!Money.TryParseMajor(text, currency, out amount))
        {
            return currency.MinorDigits == 0
                ? new DonorMessage("Enter a whole amount, such as 25.")
                : new DonorMessage("Enter an amount such as {0} or {1} (at most {2} decimals).", 25, 25.50m, currency.MinorDigits);
        }

        return amount < minimum || amount > maximum
            ? new DonorMessage("Enter an amount between {0} and {1}.", minimum, maximum)
            : null;
    }

    public (SponsorshipForm? Form, Dictionary<string, DonorMessage> Errors) Check(SponsorshipRequest request, Fund fund)
    {
        var errors = new Dictionary<string, DonorMessage>();
        if (fund.Status != FundStatus.Open)
        {
            errors["Fund"] = new DonorMessage("{0} is not taking new gifts just now. Please choose another village or program.", fund.Name);
        }

        Currency currency = default;
        if (!currencies.IsOffered(request.Currency) || !Currency.TryParse(request.Currency, out currency))
        {
            var offered = string.Join(", ", currencies.Offered);
            errors["Currency"] = new DonorMessage("Choose one of {0}.", offered);
        }

        Money amount = default;
        if (!errors.ContainsKey("Currency") && CheckAmount(request.Amount, currency, out amount) is { } amountError)
        {
            errors["Amount"] = amountError;
        }

        if (!Enum.TryParse<SponsorshipInterval>(request.Interval, ignoreCase: true, out var interval) || !Enum.IsDefined(interval)
            || int.TryParse(request.Interval, out _))
        {
            errors["Interval"] = new DonorMessage("Choose once, monthly, quarterly or yearly.");
        }
        else if (!fund.Intervals.Offers(interval))
        {
            errors["Interval"] = new DonorMessage("Choose one of the ways of giving shown.");
        }

        var dedication = DedicationKind.None;
        if (!string.IsNullOrEmpty(request.DedicationKind)
            && (!Enum.TryParse(request.DedicationKind, ignoreCase: true, out dedication) || !Enum.IsDefined(dedication)
                || int.TryParse(request.DedicationKind, out _)))
        {
            errors["DedicationKind"] = new DonorMessage("Choose in honour of, in memory of, or no dedication.");
        }

        var dedicationName = request.DedicationName?.Trim();
        if (dedication != DedicationKind.None && string.IsNullOrEmpty(dedicationName))
        {
            errors["DedicationName"] = new DonorMessage("Enter the name of the person you dedicate this gift to.");
        }
        else if (dedicationName is { Length: > NameMaxLength })
        {
            errors["DedicationName"] = new DonorMessage("Use at most {0} characters.", NameMaxLength);
        }

        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > NameMaxLength || name.Any(char.IsControl))
        {
            errors["Name"] = new DonorMessage("Enter your name (at most {0} characters).", NameMaxLength);
        }

        var email = request.Email?.Trim() ?? "";
        if (!EmailAddresses.IsValid(email))
        {
            errors["Email"] = new DonorMessage("Enter your e-mail address, like name@example.org.");
        }

        var country = request.Country?.Trim().ToUpperInvariant() ?? "";
        if (!Countries.IsKnown(country))
        {
            errors["Country"] = new DonorMessage("Choose your country.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var feeCover = request.CoverFee ? currencies.FeeCover(amount) : Money.Zero(currency);
        return (new SponsorshipForm(
            amount,
            feeCover,
            interval,
            dedication,
            dedication == DedicationKind.None ? null : dedicationName,
            name,
            email,
            country,
            request.ConsentTopics & Communications.Consent.MailConsent.AllTopics,
            request.Language), errors);
    }
}

/// <summary>A sponsor form that passed every check.</summary>
public sealed record SponsorshipForm(
    Money Amount,
    Money FeeCover,
    SponsorshipInterval Interval,
    DedicationKind Dedication,
    string? DedicationName,
    string Name,
    string Email,
    string Country,
    Communications.Consent.MailTopics ConsentTopics,
    string Language)
{
    public Money Total => Amount + FeeCover;
}
