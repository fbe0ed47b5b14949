using System.Globalization;
using Portal.Core.Shared;

namespace Portal.Core.Reconciliation.Bank;

/// <summary>Where each configured column is in one file's header, and how a row of it is read.</summary>
internal sealed class BankCsvLayout
{
    private readonly BankCsvOptions options;
    private readonly Dictionary<string, int> columns;

    private BankCsvLayout(BankCsvOptions options, Dictionary<string, int> columns)
    {
        this.options = options;
        this.columns = columns;
    }

    /// <summary>The layout, or null and a problem for each configured column the header lacks.</summary>
    public static BankCsvLayout? Find(IReadOnlyList<string> header, int line, BankCsvOptions options, out List<BankProblem> problems)
    {
        var names = header.Select(h => h.Trim()).ToList();
        var columns = new Dictionary<string, int>();
        problems = [];
        foreach (var (setting, name) in Configured(options))
        {
            var index = names.FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                problems.Add(new BankProblem(
                    line,
                    null,
                    name,
                    $"The header has no column '{name}' ({BankCsvOptions.Section}:{setting}). It has: {string.Join(", ", names)}."));
            }

            columns[setting] = index;
        }

        return problems.Count > 0 ? null : new BankCsvLayout(options, columns);
    }

    public StatementLine? Read(int line, IReadOnlyList<string> fields, List<BankProblem> problems)
    {
        var before = problems.Count;
        void Problem(string column, string message) => problems.Add(new BankProblem(line, null, column, message));

        var dateText = Field(fields, nameof(options.DateColumn)) ?? "";
        if (!DateOnly.TryParseExact(dateText, options.DateFormats(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var bookedOn))
        {
            Problem(options.DateColumn, $"'{dateText}' is not a date written as {options.DateFormat}.");
        }

        var currencyText = string.IsNullOrWhiteSpace(options.FixedCurrency) ? Field(fields, nameof(options.CurrencyColumn)) : options.FixedCurrency;
        if (!Currency.TryParse(currencyText?.Trim(), out var currency))
        {
            Problem(options.CurrencyColumn ?? "currency", $"'{currencyText}' is not an ISO 4217 currency code such as EUR.");
        }
        else if (ReadAmount(fields, currency, Problem) is { } amount && problems.Count == before)
        {
            return new StatementLine(line, Field(fields, nameof(options.AccountColumn)), bookedOn, amount, null,
                Field(fields, nameof(options.ReferenceColumn)), Field(fields, nameof(options
                    .CounterpartyColumn)), Field(fields, nameof(options.DescriptionColumn)))
            {
                CounterpartyAccount = Field(fields, nameof(options.CounterpartyAccountColumn)),
            };
        }

        return null;
    }

    private Money? ReadAmount(IReadOnlyList<string> fields, Currency currency, Action<string, string> problem)
    {
        var separator = options.DecimalSeparator[0];
        string Bad(string? text)
            => $"'{text}' is not an amount with '{separator}' as the decimal separator and at most {currency.MinorDigits} decimals.";
        if (!string.IsNullOrWhiteSpace(options.AmountColumn))
        {
            var text = Field(fields, nameof(options.AmountColumn));
            if (ExactAmount.TryParse(text, separator, currency, out var amount))
            {
                return amount;
            }

            problem(options.AmountColumn, Bad(text));
            return null;
        }

        var credit = Field(fields, nameof(options.CreditColumn));
        var debit = Field(fields, nameof(options.DebitColumn));
        if ((credit is null) == (debit is null))
        {
            problem(
                options.CreditColumn!,
                credit is null ? "Neither the credit nor the debit is filled in." : "Both the credit and the debit are filled in.");
            return null;
        }

        var (column, value) = credit is not null ? (options.CreditColumn!, credit) : (options.DebitColumn!, debit);
        if (!ExactAmount.TryParse(value, separator, currency, out var read) || (credit is not null && read.IsNegative))
        {
            problem(column, Bad(value));
            return null;
        }

        return credit is not null ? read : new Money(-Math.Abs(read.Minor), currency);
    }

    private string? Field(IReadOnlyList<string> fields, string setting) =>
        columns.TryGetValue(setting, out var index) && fields[index].Trim() is { Length: > 0 } value ? value : null;

    private static IEnumerable<(string Setting, string Name)> Configured(BankCsvOptions options)
    {
        (string, string?)[] all =
        [
            (nameof(options.DateColumn), options.DateColumn),
            (nameof(options.AmountColumn), options.AmountColumn),
            (nameof(options.CreditColumn), options.CreditColumn),
            (nameof(options.DebitColumn), options.DebitColumn),
            (nameof(options.CurrencyColumn), options.CurrencyColumn),
            (nameof(options.ReferenceColumn), options.ReferenceColumn),
            (nameof(options.CounterpartyColumn), options.CounterpartyColumn),
            (nameof(options.DescriptionColumn), options.DescriptionColumn),
            (nameof(options.AccountColumn), options.AccountColumn),
            (nameof(options.CounterpartyAccountColumn), options.CounterpartyAccountColumn),
        ];
        return all.Where(c => !string.IsNullOrWhiteSpace(c.Item2)).Select(c => (c.Item1, c.Item2!.Trim()));
    }
}
