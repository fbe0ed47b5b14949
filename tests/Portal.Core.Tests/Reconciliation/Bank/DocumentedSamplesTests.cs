using Portal.Core.Reconciliation.Bank;

namespace Portal.Core.Tests.Reconciliation.Bank;

/// <summary>The samples the README points to are read as it says, so they keep working as examples.</summary>
public class DocumentedSamplesTests
{
    [Theory]
    [InlineData("bank-statement.camt053.xml", BankFileFormat.Camt053)]
    [InlineData("bank-statement.csv", BankFileFormat.Csv)]
    public void The_sample_statements_in_docs_are_read_with_the_default_settings(string name, BankFileFormat format)
    {
        var content = File.ReadAllBytes(Path.Combine(RepositoryRoot(), "docs", "samples", name));

        var parsed = BankStatementImport.Detect(content) == BankFileFormat.Camt053
            ? Camt053Parser.Parse(content)
            : BankCsvParser.Parse(content, new BankCsvOptions());

        Assert.Equal(format, parsed.Format);
        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Problems));
        Assert.Equal([123456L, -1290L, 5000L], parsed.Lines.Select(l => l.Amount.Minor));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !Directory.Exists(Path.Combine(folder.FullName, "docs", "samples")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new DirectoryNotFoundException("No docs/samples above the test output folder.");
    }
}
