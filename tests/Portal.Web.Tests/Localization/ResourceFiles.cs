using System.Globalization;
using System.Xml.Linq;

namespace Portal.Web.Tests.Localization;

/// <summary>The .resx files under src/: which are neutral (English), and the texts each holds.</summary>
internal static class ResourceFiles
{
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Portal.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Portal.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// The staff pages' resources, English only by decision (030): the translation check skips them.
    /// </summary>
    public static readonly string[] EnglishOnly = ["FinanceText.resx", "StaffText.resx"];

    /// <summary>Every resource file without a culture in its name ("DonorText.resx", not "DonorText.de.resx").</summary>
    public static List<string> Neutral() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src"), "*.resx", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file) && CultureOf(file) is null)
            .Order(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="neutral"/> is a staff resource that has no translations.</summary>
    public static bool IsEnglishOnly(string neutral) => EnglishOnly.Contains(Path.GetFileName(neutral), StringComparer.Ordinal);

    /// <summary>The file holding <paramref name="neutral"/>'s texts in <paramref name="language"/>.</summary>
    public static string Translation(string neutral, string language) =>
        Path.ChangeExtension(neutral, null) + "." + language + ".resx";

    /// <summary>The texts by key, in file order.</summary>
    public static Dictionary<string, string> Read(string file) =>
        XDocument.Load(file).Root!.Elements("data")
            .Where(data => data.Attribute("type") is null)
            .ToDictionary(data => data.Attribute("name")!.Value, data => data.Element("value")?.Value ?? "", StringComparer.Ordinal);

    public static string Relative(string file) => Path.GetRelativePath(RepositoryRoot(), file);

    private static string? CultureOf(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var dot = name.LastIndexOf('.');
        if (dot < 0)
        {
            return null;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name[(dot + 1)..], predefinedOnly: true).Name;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
}
