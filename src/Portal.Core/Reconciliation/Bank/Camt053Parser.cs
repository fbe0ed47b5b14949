using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Portal.Core.Reconciliation.Bank;

/// <summary>
/// Reads an ISO 20022 CAMT.053 bank-to-customer statement (versions 001.02 to 001.08), one or several statements per
/// file. The file comes from outside: no DTD, no entities, no external resources, and a size limit.
/// </summary>
public static partial class Camt053Parser
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 50_000_000,
        // Only the five predefined entities can occur without a DTD; zero here would mean no limit at all.
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    public static ParsedStatement Parse(byte[] content)
    {
        if (DoctypeLine(content) is { } doctypeLine)
        {
            return Failed(new BankProblem(
                doctypeLine,
                null,
                "DOCTYPE",
                "The file declares a DOCTYPE. "
                + "Bank statements never need one, and it could expand entities or read other files, so the file is refused."));
        }

        XDocument document;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException error)
        {
            return Failed(new BankProblem(error.LineNumber, null, "file", $"The file is not well-formed XML: {error.Message}"));
        }

        var root = document.Root!;
        if (root.Name.LocalName != "Document" || !StatementNamespace().IsMatch(root.Name.NamespaceName))
        {
            return Failed(new BankProblem(Camt053Entry.LineOf(root), null, "Document",
                "Not a CAMT.053 statement: expected a Document in namespace urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 to .08, "
                    + $"found {root.Name.LocalName} in '{root.Name.NamespaceName}'."));
        }

        var ns = root.Name.Namespace;
        var statements = root.Elements(ns + "BkToCstmrStmt").Elements(ns + "Stmt").ToList();
        if (statements.Count == 0)
        {
            return Failed(new BankProblem(Camt053Entry.LineOf(root), null, "Stmt", "The file holds no statement (Document/BkToCstmrStmt/Stmt)."));
        }

        var lines = new List<StatementLine>();
        var problems = new List<BankProblem>();
        var accounts = new List<string>();
        var number = 0;
        foreach (var statement in statements)
        {
            var id = statement.Element(ns + "Acct")?.Element(ns + "Id");
            var account = Camt053Entry.Text(id?.Element(ns + "IBAN")) ?? Camt053Entry.Text(id?.Element(ns + "Othr")?.Element(ns + "Id"));
            if (account is not null && !accounts.Contains(account))
            {
                accounts.Add(account);
            }

            foreach (var entry in statement.Elements(ns + "Ntry"))
            {
                if (++number > ParsedStatement.MaxLines)
                {
                    problems.Add(new BankProblem(
                        Camt053Entry.LineOf(entry),
                        number,
                        "file",
                        $"A file may hold at most {ParsedStatement.MaxLines} entries; split it."));
                    return Failed([.. problems]);
                }

                if (new Camt053Entry(entry, ns, number, problems).Read(account) is { } line)
                {
                    lines.Add(line);
                }
            }
        }

        return problems.Count > 0 ? Failed([.. problems]) : new ParsedStatement(BankFileFormat.Camt053, accounts, lines, []);
    }

    private static ParsedStatement Failed(params BankProblem[] problems) => ParsedStatement.Failed(BankFileFormat.Camt053, problems);

    /// <summary>The line of a DOCTYPE declaration in an ASCII-compatible file, so the refusal names it plainly.</summary>
    private static int? DoctypeLine(byte[] content)
    {
        var text = Encoding.Latin1.GetString(content);
        var at = text.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : 1 + text.AsSpan(0, at).Count('\n');
    }

    [GeneratedRegex(@"^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.0[2-8]$")]
    private static partial Regex StatementNamespace();
}
