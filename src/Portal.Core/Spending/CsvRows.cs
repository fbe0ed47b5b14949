using System.Text;

namespace Portal.Core.Spending;

/// <summary>
/// Reads RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside, CRLF or LF, an optional UTF-8 BOM.
/// Each row comes with the line it starts on, so a report can name it.
/// </summary>
public static class CsvRows
{
    /// <param name="delimiter">',' by default; bank exports in Germany and Austria use ';'.</param>
    public static IEnumerable<(int Line, IReadOnlyList<string> Fields)> Read(TextReader reader, char delimiter = ',')
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var quoted = false;
        var any = false;
        int next;
        while ((next = reader.Read()) != -1)
        {
            var c = (char)next;
            any = true;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '\uFEFF' when line == 1 && fields.Count == 0 && field.Length == 0:
                    break;
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case var _ when c == delimiter:
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (rowLine, fields.ToArray());
                    fields.Clear();
                    line++;
                    rowLine = line;
                    any = false;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (any)
        {
            fields.Add(field.ToString());
            yield return (rowLine, fields.ToArray());
        }
    }
}
