using System.Globalization;
using System.Text;
using Portal.Core.Languages;
using Portal.Core.Shared;

namespace Portal.Web.Tests.Localization;

/// <summary>
/// What Core tells donors (refusals, "what happens next") reaches them in their language: every <c>new DonorMessage("…")</c>
/// in Core is a key of DonorText, so the completeness test holds it to a translation in every language.
/// </summary>
public class DonorMessageTests
{
    [Fact]
    public void Every_message_core_gives_a_donor_is_a_donor_text()
    {
        var texts = ResourceFiles.Read(Path.Combine(ResourceFiles.RepositoryRoot(), "src", "Portal.Web", "Resources", "DonorText.resx"));
        var core = Path.Combine(ResourceFiles.RepositoryRoot(), "src", "Portal.Core");
        var messages = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => Messages(File.ReadAllText(file)).Select(message => (File: Path.GetFileName(file), message)))
            .ToList();

        Assert.True(messages.Count >= 40, $"only {messages.Count} messages found: has the way Core writes them changed?");
        Assert.Contains(messages, m => m.message == "Enter an amount between {0} and {1}.");
        var missing = messages.Where(m => !texts.ContainsKey(m.message)).Select(m => $"{m.File}: {m.message}").ToList();
        Assert.True(missing.Count == 0, "not in DonorText.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void A_message_writes_its_values_as_the_reader_reads_them()
    {
        var message = new DonorMessage("{0} on {1}, {2} times", new Money(4550, Currency.Of("EUR")), new DateOnly(2026, 3, 5), 1234);

        Assert.Equal("45,50 € am 5. März 2026, 1234 Mal", message.Format("{0} am {1}, {2} Mal", CultureInfo.GetCultureInfo("de-DE"), "de"));
        Assert.Equal("45,50 € el 5 de marzo de 2026", new DonorMessage("{0} on {1}", message.Values[0], message.Values[1])
            .Format("{0} el {1}", CultureInfo.GetCultureInfo("es-ES"), "es"));
        Assert.Equal("€45.50 on 5 March 2026, 1234 times", message.ToString());
    }

    /// <summary>The string literals inside each <c>new DonorMessage(…)</c>, pieces joined by <c>+</c> read as one.</summary>
    private static IEnumerable<string> Messages(string source)
    {
        const string Start = "new DonorMessage(";
        for (var at = source.IndexOf(Start, StringComparison.Ordinal); at >= 0; at = source.IndexOf(Start, at + 1, StringComparison.Ordinal))
        {
            var (depth, i, joined) = (1, at + Start.Length, false);
            var pieces = new List<string>();
            while (depth > 0 && i < source.Length)
            {
                var c = source[i];
                if (c == '"')
                {
                    var text = new StringBuilder();
                    for (i++; source[i] != '"'; i++)
                    {
                        text.Append(source[i] == '\\' ? source[++i] : source[i]);
                    }

                    if (joined)
                    {
                        pieces[^1] += text.ToString();
                    }
                    else
                    {
                        pieces.Add(text.ToString());
                    }

                    i++;
                    var next = i;
                    while (next < source.Length && char.IsWhiteSpace(source[next]))
                    {
                        next++;
                    }

                    joined = next < source.Length && source[next] == '+';
                    continue;
                }

                depth += c switch { '(' => 1, ')' => -1, _ => 0 };
                joined &= char.IsWhiteSpace(c) || c == '+';
                i++;
            }

            foreach (var piece in pieces)
            {
                yield return piece;
            }
        }
    }
}
