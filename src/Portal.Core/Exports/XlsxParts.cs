using System.Globalization;
using System.Text;
using System.Xml;

namespace Portal.Core.Exports;

/// <summary>The fixed parts of a one-sheet workbook, its cell styles, and Excel's date numbers.</summary>
internal static class XlsxParts
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    // Indexes into cellXfs below.
    public const int HeaderStyle = 1;
    public const int DateStyle = 2;
    public const int InstantStyle = 3;
    private const int IntegerStyle = 4;
    private const int RateStyle = 5;
    private const int AmountStyle = 6; // 6, 7, 8, 9, 10: amounts with 0 to 4 decimals

    public static readonly IReadOnlyList<(string Path, string Content)> Fixed =
    [
        ("[Content_Types].xml",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"""
            + """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"""
            + """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"""
            + """<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" """
            + """ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override """
            + """PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""
            + """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"""
            + """</Types>"""),
        ("_rels/.rels",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"""
            + """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" """
            + """Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"""
            + """</Relationships>"""),
        ("xl/workbook.xml",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook """
            + """xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" """
            + """xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"""
            + """<sheet name="Export" sheetId="1" r:id="rId1"/></sheets></workbook>"""),
        ("xl/_rels/workbook.xml.rels",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"""
            + """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" """
            + """Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"""
            + """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"""
            + """</Relationships>"""),
        ("xl/styles.xml",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"""
            + """<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="7">"""
            + """<numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="165" formatCode="yyyy\-mm\-dd\ hh:mm:ss"/>"""
            + """<numFmt numFmtId="166" formatCode="0.000000"/><numFmt numFmtId="167" formatCode="0.0"/>"""
            + """<numFmt numFmtId="168" formatCode="0.00"/><numFmt numFmtId="169" formatCode="0.000"/>"""
            + """<numFmt numFmtId="170" formatCode="0.0000"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font>"""
            + """<b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>"""
            + """<patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>"""
            + """</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="11">"""
            + """<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"""
            + """<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"""
            + """<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"""
            + """<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"""
            + """<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"""
            + """<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"""
            + """<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"""
            + """<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"""
            + """<xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"""
            + """<xf numFmtId="169" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"""
            + """<xf numFmtId="170" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1">"""
            + """<cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""),
    ];

    public static int NumberStyle(Cell cell) => cell.Kind switch
    {
        CellKind.Amount => AmountStyle + Math.Clamp(cell.Digits, 0, 4),
        CellKind.Rate => RateStyle,
        _ => IntegerStyle,
    };

    /// <summary>Excel's day number (the 1900 date system, counted from 1899-12-30), exact.</summary>
    public static string Serial(DateOnly date) => (date.DayNumber - Epoch.DayNumber).ToString(CultureInfo.InvariantCulture);

    /// <summary>The day number and the fraction of the day, to the second (decimal, not float, so it is exact).</summary>
    public static string Serial(DateTime utc)
    {
        var day = DateOnly.FromDateTime(utc).DayNumber - Epoch.DayNumber;
        var fraction = decimal.Round((decimal)(long)utc.TimeOfDay.TotalSeconds / 86_400m, 10);
        return (day + fraction).ToString("0.##########", CultureInfo.InvariantCulture);
    }

    /// <summary>XML 1.0 cannot hold most control characters: they are dropped, the rest of the text kept.</summary>
    public static string XmlSafe(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                safe.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                safe.Append(text[i]).Append(text[i + 1]);
                i++;
            }
        }

        return safe.ToString();
    }

    private static readonly DateOnly Epoch = new(1899, 12, 30);
}
