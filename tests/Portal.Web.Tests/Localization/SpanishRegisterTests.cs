using System.Text.RegularExpressions;

namespace Portal.Web.Tests.Localization;

/// <summary>
/// Spanish speaks to the donor with "tú" everywhere, pages and e-mails alike (decision 030): no Spanish text under src/
/// uses the common forms of "usted". Third-person "su" and "puede" stay allowed where they name something else ("sus
/// padres", "no se puede deshacer"), so only "su"/"sus" before the donor's own things count.
/// </summary>
public partial class SpanishRegisterTests
{
    [Fact]
    public void Every_Spanish_text_says_tu_not_usted()
    {
        var files = Directory.EnumerateFiles(Path.Combine(ResourceFiles.RepositoryRoot(), "src"), "*.es.resx", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(files, file => file.EndsWith("DonorText.es.resx", StringComparison.Ordinal));
        Assert.Contains(files, file => file.EndsWith("ReceiptTexts.es.resx", StringComparison.Ordinal));

        var found = files.SelectMany(file => ResourceFiles.Read(file)
                .Where(text => Usted().IsMatch(text.Value))
                .Select(text => $"{ResourceFiles.Relative(file)}: \"{text.Key}\" says \"{Usted().Match(text.Value).Value}\": {text.Value}"))
            .ToList();

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    [Theory]
    [InlineData("Elija su país", true)]
    [InlineData("Si no lo ha solicitado, puede ignorar este mensaje.", true)]
    [InlineData("Recibe este mensaje porque apoya a {0}.", true)]
    [InlineData("Tal como nos pidió, se le ha devuelto el importe.", true)]
    [InlineData("Elige tu país", false)]
    [InlineData("Si no lo has solicitado, puedes ignorar este mensaje.", false)]
    [InlineData("Los niños que han perdido el cuidado de sus padres. Esto no se puede deshacer. Puede que la página se haya movido.", false)]
    public void The_check_tells_usted_from_tu(string text, bool usted) => Assert.Equal(usted, Usted().IsMatch(text));

    [GeneratedRegex(
        @"\b(usted|ustedes|se le|le pide|desea|prefiere|nos pidió"
        + @"|elija|haga|introduzca|escriba|pulse|vuelva|consulte|vea|lea|abra|guarde|actualice|confírmelo|añada|inicie|compruebe|ignore"
        + @"|cambie|descargue|avísenos|escríbanos|contáctenos|díganos"
        + @"|recibe este|ha (donado|elegido|hecho|dado|solicitado|modificado)"
        + @"|sus? (cuenta|donativos?|donación|donaciones|apadrinamientos?|tarjeta|pagos?|recibos?|banco|correo|dirección|nombre"
        + @"|preferencias|apoyo|certificados?|enlace|método|promesa|sesión|idioma|consentimiento|dinero|país|datos))\b"
        + @"|(?<!\bse )\bpuede\b(?! que)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Usted();
}
