using System.Globalization;
using System.Net;
using System.Text;

namespace Portal.Core.Funds;

/// <summary>
/// Draws a fund's picture as SVG from its seed: a landscape with houses for a village, a symbol for a program.
/// Nothing is downloaded and no real place or child is shown.
/// </summary>
public static class FundImage
{
    private static readonly (string Sky, string Far, string Near, string Accent)[] Palettes =
    [
        ("#f6d7a7", "#9bb06f", "#5f8a4b", "#c8553d"),
        ("#cfe8ef", "#7fb3a8", "#3f7f73", "#e2a03f"),
        ("#f3e1dd", "#c9a87c", "#8c6e4d", "#2f6f8f"),
        ("#e6eef7", "#9db4c0", "#5c7d8a", "#d1603d"),
        ("#fdf0d5", "#a3b18a", "#588157", "#bc4749"),
        ("#e9e3f5", "#a7a1c9", "#6c6a9e", "#f2a541"),
    ];

    public static string Svg(Fund fund)
    {
        var random = new Random(fund.ImageSeed);
        var palette = Palettes[Math.Abs(fund.ImageSeed) % Palettes.Length];
        var svg = new StringBuilder();
        svg.Append(
            CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 800 450\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(AltText(fund))}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{WebUtility.HtmlEncode(AltText(fund))}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"800\" height=\"450\" fill=\"{palette.Sky}\"/>");
        svg.Append(
            CultureInfo.InvariantCulture,
            $"<circle cx=\"{random.Next(120, 680)}\" cy=\"{random.Next(70, 140)}\" r=\"{random.Next(36, 56)}\" fill=\"#fff6d8\" opacity=\"0.9\"/>");
        svg.Append(
            CultureInfo.InvariantCulture,
            $"<path d=\"M0 {random.Next(250, 300)} Q 200 {random.Next(170, 230)} 400 {random.Next(240, 280)} "
            + $"T 800 {random.Next(220, 270)} V 450 H 0 Z\" fill=\"{palette.Far}\"/>");
        svg.Append(
            CultureInfo.InvariantCulture,
            $"<path d=\"M0 {random.Next(330, 360)} Q 250 {random.Next(290, 320)} 500 {random.Next(330, 350)} "
            + $"T 800 {random.Next(320, 350)} V 450 H 0 Z\" fill=\"{palette.Near}\"/>");
        if (fund.Kind == FundKind.Village)
        {
            Houses(svg, random, palette.Accent);
        }
        else
        {
            ProgramSymbol(svg, fund.Area ?? ProgramArea.Education, palette.Accent);
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    public static string AltText(Fund fund) => fund.Kind == FundKind.Village
        ? $"A drawing of family houses among hills, standing for {fund.Name}"
        : $"A drawing that stands for {fund.Name}";

    private static void Houses(StringBuilder svg, Random random, string accent)
    {
        var count = random.Next(4, 7);
        for (var i = 0; i < count; i++)
        {
            var x = 60 + i * (680 / count) + random.Next(0, 30);
            var width = random.Next(70, 100);
            var height = random.Next(55, 80);
            var baseline = 360 + random.Next(-12, 12);
            var wall = i % 2 == 0 ? "#fffaf0" : "#f1e4cf";
            svg.Append(
                CultureInfo.InvariantCulture,
                $"<rect x=\"{x}\" y=\"{baseline - height}\" width=\"{width}\" height=\"{height}\" "
                + $"fill=\"{wall}\" stroke=\"#6b5b4b\" stroke-width=\"2\"/>");
            svg.Append(
                CultureInfo.InvariantCulture,
                $"<path d=\"M{x - 8} {baseline - height} L{x + width / 2} {baseline - height - 40} "
                + $"L{x + width + 8} {baseline - height} Z\" fill=\"{accent}\"/>");
            svg.Append(
                CultureInfo.InvariantCulture,
                $"<rect x=\"{x + width / 2 - 9}\" y=\"{baseline - 30}\" width=\"18\" height=\"30\" fill=\"#6b5b4b\"/>");
            svg.Append(
                CultureInfo.InvariantCulture,
                $"<rect x=\"{x + 10}\" y=\"{baseline - height + 14}\" width=\"16\" height=\"14\" fill=\"#8fc1d4\"/>");
            svg.Append(
                CultureInfo.InvariantCulture,
                $"<circle cx=\"{x + width + 22}\" cy=\"{baseline - 38}\" r=\"{random.Next(14, 22)}\" fill=\"#3f6d3a\"/>"
                + $"<rect x=\"{x + width + 20}\" y=\"{baseline - 22}\" width=\"5\" height=\"22\" fill=\"#6b4f35\"/>");
        }
    }

    private static void ProgramSymbol(StringBuilder svg, ProgramArea area, string accent)
    {
        var shape = area switch
        {
            // An open book.
            ProgramArea.Education =>
                "<path d=\"M400 200 C 340 170 270 170 230 185 V 335 C 270 320 340 320 400 350 "
                + $"C 460 320 530 320 570 335 V 185 C 530 170 460 170 400 200 Z\" fill=\"#fffaf0\" stroke=\"{accent}\" stroke-width=\"6\"/>"
                + $"<path d=\"M400 200 V 350\" stroke=\"{accent}\" stroke-width=\"6\"/>",
            // A heart with a cross.
            ProgramArea.HealthCare =>
                "<path d=\"M400 350 C 250 260 260 170 330 170 C 370 170 390 195 400 215 C 410 195 430 170 470 170 C 540 170 550 260 400 350 Z\" "
                + $"fill=\"{accent}\"/><path d=\"M385 215 h30 v25 h25 v30 h-25 v25 h-30 v-25 h-25 v-30 h25 z\" fill=\"#fffaf0\"/>",
            // Three figures, hand in hand.
            ProgramArea.FamilyStrengthening =>
                $"<g fill=\"{accent}\"><circle cx=\"320\" cy=\"200\" r=\"26\"/><rect x=\"296\" y=\"232\" width=\"48\" height=\"100\" rx=\"20\"/>"
                + "<circle cx=\"480\" cy=\"200\" r=\"26\"/><rect x=\"456\" y=\"232\" width=\"48\" height=\"100\" rx=\"20\"/>"
                + "<circle cx=\"400\" cy=\"245\" r=\"18\"/><rect x=\"383\" y=\"268\" width=\"34\" height=\"66\" rx=\"14\"/></g>"
                + $"<path d=\"M344 270 H383 M417 290 H456\" stroke=\"{accent}\" stroke-width=\"8\"/>",
            // A shelter.
            _ => $"<path d=\"M250 350 L400 180 L550 350 Z\" fill=\"{accent}\"/><path d=\"M370 350 L400 280 L430 350 Z\" fill=\"#fffaf0\"/>",
        };
        svg.Append(shape);
    }
}
