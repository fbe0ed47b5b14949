using System.Text;
using System.Text.Json;
using Portal.Core.Exports;

namespace Portal.Core.Privacy;

/// <summary>
/// Writes a donor's export. JSON for machines (Art. 20): an object per section, an array of items. CSV for people and
/// the data-protection officer: one file in Excel, a row per field (section, item, field, value), so sections of
/// different shapes sit in one sheet that filters by section (decision 025). Both flush as they go.
/// </summary>
public static class DonorDataFile
{
    private const int FlushEvery = 200;

    public static async Task WriteJsonAsync(
        Guid donorId, DateTime at, IEnumerable<DataSection> sections, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("donorId", donorId);
        json.WriteString("exportedAt", new DataField("", at).Text);
        foreach (var section in sections)
        {
            json.WriteStartArray(section.Name);
            var count = 0;
            await foreach (var item in section.Items.WithCancellation(cancellationToken))
            {
                json.WriteStartObject();
                foreach (var field in item)
                {
                    WriteValue(json, field);
                }

                json.WriteEndObject();
                if (++count % FlushEvery == 0)
                {
                    await json.FlushAsync(cancellationToken);
                }
            }

            json.WriteEndArray();
            await json.FlushAsync(cancellationToken);
        }

        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    public static async Task WriteCsvAsync(IEnumerable<DataSection> sections, Stream output, CancellationToken cancellationToken)
    {
        // A byte-order mark, so Excel reads the file as UTF-8 (names with accents).
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
        await writer.WriteAsync("section,item,field,value\r\n");
        foreach (var section in sections)
        {
            var item = 0;
            await foreach (var fields in section.Items.WithCancellation(cancellationToken))
            {
                item++;
                foreach (var field in fields)
                {
                    await writer.WriteAsync($"{section.Name},{item},{field.Name},{CsvText.Cell(field.Text ?? "")}\r\n");
                }
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static void WriteValue(Utf8JsonWriter json, DataField field)
    {
        switch (field.Value)
        {
            case null:
                json.WriteNull(field.Name);
                break;
            case long or int:
                json.WriteNumber(field.Name, Convert.ToInt64(field.Value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case bool flag:
                json.WriteBoolean(field.Name, flag);
                break;
            default:
                json.WriteString(field.Name, field.Text);
                break;
        }
    }
}
