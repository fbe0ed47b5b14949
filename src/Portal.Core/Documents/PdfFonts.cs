using System.Reflection;
using PdfSharp.Fonts;

namespace Portal.Core.Documents;

/// <summary>
/// PDFsharp finds no fonts by itself on Linux; this resolver serves DejaVu Sans from the assembly, so reports and tax
/// statements look the same on every host. Every family asked for is DejaVu Sans: it covers the Latin, Greek and
/// Cyrillic letters donors' names are written in.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<byte[]> Regular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> Bold = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly object Gate = new();

    /// <summary>Sets the resolver once per process; PDFsharp allows that only once.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not PdfFonts)
            {
                GlobalFontSettings.FontResolver = new PdfFonts();
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans", mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName) => faceName == "DejaVuSans-Bold" ? Bold.Value : Regular.Value;

    private static byte[] Load(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Portal.Fonts.{file}")
            ?? throw new InvalidOperationException($"The font {file} is not embedded in Portal.Core.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
