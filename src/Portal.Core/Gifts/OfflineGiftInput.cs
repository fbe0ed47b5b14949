using System.Globalization;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Shared;

namespace Portal.Core.Gifts;

/// <summary>An offline gift as staff typed it or a CSV row held it, before it is checked.</summary>
/// <param name="Email">The donor's e-mail address: an existing donor's, or a new donor's (then with name and country).</param>
public sealed record OfflineGiftInput(
    string? Email,
    string? Name,
    string? Country,
    string? Fund,
    string? Date,
    string? Amount,
    string? Currency,
    string? Method);

/// <param name="Line">The CSV line the row starts on (1 is the header); 0 for a form.</param>
public sealed record GiftProblem(int Line, string Field, string Message);

/// <summary>A row that passed the checks: the donor is known (or to be created with <see cref="NewDonor"/>), the fund found.</summary>
public sealed record CheckedGift(
    string NormalizedEmail, NewDonor? NewDonor, Fund Fund, Money Amount, DateOnly ReceivedOn, OfflineGiftMethod Method);

public sealed record NewDonor(string Email, string Name, string Country);

/// <summary>The one set of rules for a typed or imported offline gift; every problem is named with its field.</summary>
public static class OfflineGiftRules
{
    /// <summary>The largest single gift accepted without splitting it: a typo guard, not a policy.</summary>
    public const long MaxMinor = 100_000_000_00L;

    public static OfflineGiftMethod? Method(string? text) => text?.Trim().ToLowerInvariant().Replace('_', '-') switch
    {
        "bank-transfer" or "banktransfer" or "transfer" => OfflineGiftMethod.BankTransfer,
        "cheque" or "check" => OfflineGiftMethod.Cheque,
        "cash" => OfflineGiftMethod.Cash,
        _ => null,
    };

    /// <param name="known">The donors of the addresses in the input, by normalised address (looked up beforehand).</param>
    public static CheckedGift? Check(
        OfflineGiftInput input,
        int line,
        IReadOnlyList<Fund> funds,
        IReadOnlyDictionary<string, Donor> known,
        DateOnly today,
        DateOnly? locked,
        List<GiftProblem> problems)
    {
        var before = problems.Count;
        void Problem(string field, string message) => problems.Add(new GiftProblem(line, field, message));

        var email = input.Email?.Trim() ?? "";
        var normalized = Donor.Normalize(email);
        NewDonor? newDonor = null;
        if (!EmailAddresses.IsValid(email))
        {
            Problem("email", email.Length == 0 ? "The donor's e-mail address is missing." : $"'{email}' is not an e-mail address.");
        }
        else if (known.TryGetValue(normalized, out var donor))
        {
            if (donor.ErasedAt is not null)
            {
                Problem("email", "This donor's personal data was erased; record the gift for a new donor.");
            }
        }
        else
        {
            var name = input.Name?.Trim() ?? "";
            var country = input.Country?.Trim().ToUpperInvariant() ?? "";
            if (name.Length is 0 or > 120)
            {
                Problem("name", name.Length == 0
                    ? "No donor has this address: give the new donor's name."
                    : "The name is longer than 120 characters.");
            }

            if (!Countries.IsKnown(country))
            {
                Problem("country", "No donor has this address: give the new donor's country as a two-letter code such as DE.");
            }

            newDonor = new NewDonor(email, name, country);
        }

        var fundText = input.Fund?.Trim();
        var fund = funds.FirstOrDefault(f => string.Equals(f.Slug, fundText, StringComparison.OrdinalIgnoreCase)
            || string.Equals(f.Code, fundText, StringComparison.OrdinalIgnoreCase)
            || f.Id.ToString() == fundText);
        if (fund is null)
        {
            Problem("fund", string.IsNullOrEmpty(fundText) ? "The fund is missing." : $"No fund '{fundText}' (use its code or web name).");
        }

        if (!DateOnly.TryParseExact(input.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var receivedOn))
        {
            Problem("date", "The date must be written as YYYY-MM-DD.");
        }
        else if (receivedOn > today)
        {
            Problem("date", "The date is in the future.");
        }
        else if (receivedOn < today.AddYears(-10))
        {
            Problem("date", "The date is more than ten years ago.");
        }
        else if (locked is { } through && receivedOn <= through)
        {
            Problem("date", $"{receivedOn:yyyy-MM-dd} falls in a closed period (the ledger is closed through {through:yyyy-MM-dd}); "
                + "record it in the open period.");
        }

        Money amount = default;
        if (!Shared.Currency.TryParse(input.Currency?.Trim().ToUpperInvariant(), out var currency))
        {
            Problem("currency", "The currency must be an ISO 4217 code such as EUR.");
        }
        else if (!Money.TryParseMajor(input.Amount?.Trim(), currency, out amount) || amount.Minor <= 0)
        {
            Problem("amount", $"The amount must be a positive number with at most {currency.MinorDigits} decimals, like 50.00.");
        }
        else if (amount.Minor > MaxMinor)
        {
            Problem("amount", "The amount is larger than any single gift should be; check it.");
        }

        var method = Method(input.Method);
        if (method is null)
        {
            Problem("method", "The method must be bank-transfer, cheque or cash.");
        }

        return problems.Count > before ? null : new CheckedGift(normalized, newDonor, fund!, amount, receivedOn, method!.Value);
    }
}
