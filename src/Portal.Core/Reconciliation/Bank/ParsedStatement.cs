using Portal.Core.Shared;

namespace Portal.Core.Reconciliation.Bank;

public enum BankFileFormat
{
    Csv,
    Camt053,
}

/// <summary>One booked line as a parser read it; credits are positive.</summary>
/// <param name="Line">The CSV line, or the XML line its <c>Ntry</c> starts on.</param>
/// <param name="BankReference">The bank's own unique reference (CAMT <c>AcctSvcrRef</c>), when it gives one.</param>
public sealed record StatementLine(
    int Line, string? Account, DateOnly BookedOn, Money Amount, string? BankReference, string? Reference, string? Counterparty, string? Description)
{
    /// <summary>The other party's IBAN or account number. Not part of the line's keys (lines imported before it was read keep theirs).</summary>
    public string? CounterpartyAccount { get; init; }

    /// <summary>The structured creditor reference the payer gave. Not part of the line's keys either.</summary>
    public string? CreditorReference { get; init; }
}

/// <summary>Something wrong in a file, named so that it can be found and corrected.</summary>
/// <param name="Line">The CSV line or XML line; 0 for the file as a whole.</param>
/// <param name="Entry">The CAMT entry's number in the file, counting from 1; null for CSV.</param>
/// <param name="Field">The column or element.</param>
public sealed record BankProblem(int Line, int? Entry, string Field, string Message);

/// <summary>What a parser read: the lines, or every problem (then the lines are not to be used).</summary>
public sealed record ParsedStatement(
    BankFileFormat Format,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<StatementLine> Lines,
    IReadOnlyList<BankProblem> Problems)
{
    /// <summary>Bank exports of many years are large, but never this large; a bigger file is split.</summary>
    public const int MaxLines = 20_000;

    public bool Succeeded => Problems.Count == 0;

    public static ParsedStatement Failed(BankFileFormat format, params BankProblem[] problems) => new(format, [], [], problems);
}
