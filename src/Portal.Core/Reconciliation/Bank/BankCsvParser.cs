using System.Text;
using Portal.Core.Spending;

namespace Portal.Core.Reconciliation.Bank;

/// <summary>
/// Reads a bank's CSV export in the layout <see cref="BankCsvOptions"/> names. Every row is checked; any problem is
/// reported with its line and column, and then no line is to be imported.
/// </summary>
public static class BankCsvParser
{
    public static ParsedStatement Parse(byte[] content, BankCsvOptions options)
    {
        using var reader = new StringReader(Decode(content));
        var rows = CsvRows.Read(reader, options.DelimiterChar).Skip(options.SkipLines).GetEnumerator();
        if (!rows.MoveNext())
        {
            return ParsedStatement.Failed(BankFileFormat.Csv, new BankProblem(1, null, "header", "The file is empty."));
        }

        var (headerLine, header) = rows.Current;
        var layout = BankCsvLayout.Find(header, headerLine, options, out var headerProblems);
        if (layout is null)
        {
            return ParsedStatement.Failed(BankFileFormat.Csv, [.. headerProblems]);
        }

        var lines = new List<StatementLine>();
        var problems = new List<BankProblem>();
        while (rows.MoveNext())
        {
            var (line, fields) = rows.Current;
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (lines.Count + problems.Count >= ParsedStatement.MaxLines)
            {
                problems.Add(new BankProblem(line, null, "file", $"A file may hold at most {ParsedStatement.MaxLines} lines; split it."));
                break;
            }

            if (fields.Count != header.Count)
            {
                problems.Add(new BankProblem(line, null, "row", $"Expected {header.Count} columns like the header, found {fields.Count}."));
                continue;
            }

            if (layout.Read(line, fields, problems) is { } read)
            {
                lines.Add(read);
            }
        }

        return problems.Count > 0
            ? ParsedStatement.Failed(BankFileFormat.Csv, [.. problems])
            : new ParsedStatement(BankFileFormat.Csv, [.. lines.Select(l => l.Account).OfType<string>().Distinct()], lines, []);
    }

    /// <summary>UTF-8 when the bytes are UTF-8 (with or without a BOM); otherwise Windows-1252, which many German banks still export.</summary>
    public static string Decode(byte[] content)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(content);
        }
    }
}
