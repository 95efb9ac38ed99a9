using System.Globalization;
using System.Text;
using CsvHelper;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace NetAutomation.Core.Inventory;

public enum InventoryFileFormat { Csv, Yaml }

/// <summary>
/// The bulk import and export file: devices, interfaces and links as rows of named text cells, in CSV (one table with a
/// <c>kind</c> column) or YAML (a <c>devices</c>, <c>interfaces</c> and <c>links</c> list of flat mappings with the same
/// names). Rows refer to sites, platforms, credentials and devices by name, never by database id, so a file exported
/// from one portal imports into another. Reading only splits text into rows with their line numbers; what the cells mean
/// is checked by <see cref="ImportInventory"/> with the same rules as the forms.
/// </summary>
public static class InventoryFile
{
    /// <summary>Largest file accepted, in bytes (UTF-8). Inventories larger than this are imported in several files.</summary>
    public const int MaxBytes = 1_000_000;
    public const int MaxRows = 5_000;

    public const string Device = "device", Interface = "interface", Link = "link";

    public static readonly IReadOnlyDictionary<string, string[]> ColumnsByKind = new Dictionary<string, string[]>
    {
        [Device] = ["device", "role", "site", "platform", "management", "serial", "mac", "credential", "state"],
        [Interface] = ["device", "interface", "speed", "enabled", "description"],
        [Link] = ["device", "interface", "peer_device", "peer_interface", "capacity", "metric", "state"],
    };

    /// <summary>The CSV header: <c>kind</c>, then every column any kind uses.</summary>
    public static readonly string[] CsvColumns = ["kind", .. ColumnsByKind.Values.SelectMany(c => c).Distinct()];

    private static readonly Dictionary<string, string> KindBySection = new() { ["devices"] = Device, ["interfaces"] = Interface, ["links"] = Link };

    /// <summary>One object of the file. <see cref="Line"/> is where it starts (1 is the first line).</summary>
    public sealed record Row(int Line, string Kind, IReadOnlyDictionary<string, string?> Cells)
    {
        public string? this[string column] => Cells.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
    }

    public sealed record Problem(int Line, string Message);

    /// <summary>
    /// Reads an uploaded file as UTF-8 text, refusing (with a message for the field <c>file</c>) one larger than
    /// <see cref="MaxBytes"/> without reading the rest, and one that is not UTF-8 text.
    /// </summary>
    public static async Task<string> ReadTextAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
                throw ValidationFailedException.For("file", $"The file is larger than {MaxBytes:N0} bytes, the import limit; split it into several files.");
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw ValidationFailedException.For("file", "The file is not UTF-8 text; save it as UTF-8 CSV or YAML.");
        }
    }

    /// <summary>Guesses the format from a file name: <c>.yaml</c>/<c>.yml</c> is YAML, anything else CSV.</summary>
    public static InventoryFileFormat FormatOf(string? fileName) =>
        Path.GetExtension(fileName ?? "").ToLowerInvariant() is ".yaml" or ".yml" ? InventoryFileFormat.Yaml : InventoryFileFormat.Csv;

    /// <summary>Splits the text into rows; every problem found on the way (with its line) is added to <paramref name="problems"/>.</summary>
    public static List<Row> Read(string text, InventoryFileFormat format, List<Problem> problems)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            problems.Add(new(0, $"The file is larger than {MaxBytes:N0} bytes, the import limit; split it into several files."));
            return [];
        }
        var rows = format == InventoryFileFormat.Yaml ? ReadYaml(text, problems) : ReadCsv(text, problems);
        if (rows.Count > MaxRows)
        {
            problems.Add(new(rows[MaxRows].Line, $"The file has {rows.Count:N0} rows; the limit is {MaxRows:N0} per import."));
            return [];
        }
        if (rows.Count == 0 && problems.Count == 0) problems.Add(new(0, "The file holds no device, interface or link."));
        return rows;
    }

    private static List<Row> ReadCsv(string text, List<Problem> problems)
    {
        var rows = new List<Row>();
        using var csv = CsvReader.Create(new StringReader(text), new CsvReaderOptions { TrackLineNumbers = true, IncludeValuesInExceptions = false });
        try
        {
            var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            foreach (var unknown in header.Where(h => !CsvColumns.Contains(h)))
                problems.Add(new(1, $"Unknown column '{InventoryRules.Visible(unknown)}'; the columns are: {string.Join(", ", CsvColumns)}."));
            if (header.Length > 0 && !header.Contains("kind")) problems.Add(new(1, "The header has no 'kind' column (device, interface or link)."));
            if (problems.Count > 0) return [];
            while (csv.Read())
            {
                if (csv.FieldCount != header.Length)
                {
                    problems.Add(new((int)csv.LineNumber, $"The row has {csv.FieldCount} cells but the header names {header.Length} columns."));
                    continue;
                }
                var cells = new Dictionary<string, string?>();
                for (var i = 0; i < header.Length; i++) cells[header[i]] = Unescape(csv.GetString(i));
                rows.Add(new Row((int)csv.LineNumber, cells.GetValueOrDefault("kind")?.Trim().ToLowerInvariant() ?? "", cells));
            }
        }
        catch (CsvFormatException e)
        {
            problems.Add(new((int)e.LineNumber, $"This is not valid CSV: {e.Message}"));
        }
        return rows;
    }

    /// <summary>Undoes the export's formula guard: <c>'=x</c> (and <c>'+</c>, <c>'-</c>, <c>'@</c>) read back as <c>=x</c>.</summary>
    private static string? Unescape(string? cell) =>
        cell is ['\'', '=' or '+' or '-' or '@', ..] ? cell[1..] : cell;

    private static List<Row> ReadYaml(string text, List<Problem> problems)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            problems.Add(new((int)e.Start.Line, $"This is not valid YAML: {e.InnerException?.Message ?? e.Message}"));
            return [];
        }
        if (stream.Documents.Count == 0) return [];
        if (stream.Documents.Count > 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(new(1, "The YAML must be one mapping with the lists devices, interfaces and links."));
            return [];
        }
        var rows = new List<Row>();
        foreach (var (key, value) in root.Children)
        {
            var section = (key as YamlScalarNode)?.Value ?? "";
            if (!KindBySection.TryGetValue(section, out var kind) || value is not YamlSequenceNode items)
            {
                problems.Add(new(Line(key), $"'{InventoryRules.Visible(section)}' is not a list named devices, interfaces or links."));
                continue;
            }
            foreach (var item in items)
            {
                if (item is not YamlMappingNode map)
                {
                    problems.Add(new(Line(item), $"Each entry of {section} must be a mapping of field: value."));
                    continue;
                }
                var cells = new Dictionary<string, string?>();
                var ok = true;
                foreach (var (k, v) in map.Children)
                {
                    var name = (k as YamlScalarNode)?.Value ?? "";
                    if (!ColumnsByKind[kind].Contains(name) || v is not YamlScalarNode scalar)
                    {
                        problems.Add(new(Line(k), $"'{InventoryRules.Visible(name)}' is not a field of a {kind} with a plain value; the fields are: {string.Join(", ", ColumnsByKind[kind])}."));
                        ok = false;
                        continue;
                    }
                    cells[name] = scalar.Value;
                }
                if (ok) rows.Add(new Row(Line(map), kind, cells));
            }
        }
        return rows;
    }

    private static int Line(YamlNode node) => (int)node.Start.Line;

    /// <summary>Writes rows as the same file <see cref="Read"/> accepts. CSV cells that a spreadsheet would run as a formula are neutralised with a leading quote.</summary>
    public static string Write(IEnumerable<Row> rows, InventoryFileFormat format) =>
        format == InventoryFileFormat.Yaml ? WriteYaml(rows) : WriteCsv(rows);

    private static string WriteCsv(IEnumerable<Row> rows)
    {
        var writer = new StringWriter();
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape }))
        {
            csv.WriteRecord(CsvColumns);
            foreach (var row in rows) csv.WriteRecord(CsvColumns.Select(c => c == "kind" ? row.Kind : row.Cells.GetValueOrDefault(c) ?? "").ToArray());
            csv.Flush();
        }
        return writer.ToString();
    }

    private static string WriteYaml(IEnumerable<Row> rows)
    {
        var document = KindBySection.ToDictionary(
            s => s.Key,
            s => rows.Where(r => r.Kind == s.Value).Select(r => r.Cells.Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value)).ToList());
        return new SerializerBuilder().Build().Serialize(document);
    }
}
