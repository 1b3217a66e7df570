using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// Every descriptor in <see cref="DiagnosticDescriptors.All"/> is documented where users look for it: its
/// own page (whose invalid example, compiled, reports the message the page shows), a release-tracking row,
/// a help link to the page, and a row in both diagnostics tables; and nothing documents an id that no
/// longer exists.
/// </summary>
public class DiagnosticCatalogueTests
{
    private static readonly string RepoRoot = FindRepoRoot();
    private static readonly string DocsDirectory = Path.Combine(RepoRoot, "docs", "diagnostics");

    public static TheoryData<string> Ids => new(DiagnosticDescriptors.All.Select(d => d.Id));

    [Fact]
    public void Ids_are_unique_and_every_analyzer_supports_all_of_them()
    {
        Assert.Equal(DiagnosticDescriptors.All.Length, DiagnosticDescriptors.All.Select(d => d.Id).Distinct().Count());
        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id), new SciDslAnalyzer().SupportedDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public void Every_public_descriptor_field_is_in_the_table()
    {
        var fields = typeof(DiagnosticDescriptors).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id);

        Assert.Equal(fields.Order(), DiagnosticDescriptors.All.Select(d => d.Id).Order());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Has_a_page_titled_as_the_descriptor_whose_message_block_matches_its_format(string id)
    {
        var descriptor = DiagnosticDescriptors.ById(id);
        string page = Path.Combine(DocsDirectory, id + ".md");
        Assert.True(File.Exists(page), $"{id} has no page {page}");
        string[] lines = File.ReadAllLines(page);

        Assert.Equal($"# {id}: {descriptor.Title}", lines[0]);
        var messages = MessageBlock(lines);
        Assert.True(messages.Count > 0, $"{page} has no ## Message code block");
        var format = MessagePattern(descriptor);
        Assert.True(messages.Any(format.IsMatch),
            $"no line of {id}'s ## Message block has the form \"{descriptor.MessageFormat}\":\n{string.Join("\n", messages)}");
    }

    /// <summary>SD9999 is a generator bug: no source is meant to produce it.</summary>
    public static TheoryData<string> IdsWithExamples => new(DiagnosticDescriptors.All.Select(d => d.Id).Where(id => id != "SD9999"));

    [Theory]
    [MemberData(nameof(IdsWithExamples))]
    public void The_page_shows_the_real_message_of_its_invalid_example(string id)
    {
        string[] lines = File.ReadAllLines(Path.Combine(DocsDirectory, id + ".md"));
        string example = string.Join("\n", CodeBlockAfter(lines, "## Invalid"));
        var run = GeneratorHarness.Run("using SciDsl;\n" + example);

        var messages = run.SciDslDiagnostics.Where(d => d.Id == id).Select(d => d.GetMessage()).ToList();
        Assert.True(messages.Count > 0, $"the ## Invalid example of {id} reports no {id}");
        var shown = lines.SkipWhile(line => line != "## Message").Skip(1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal));
        var missing = messages.Except(shown).ToList();
        Assert.True(missing.Count == 0, $"{id}'s ## Message section does not show the real message(s):\n{string.Join("\n", missing)}");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Has_a_help_link_to_its_page(string id)
    {
        var descriptor = DiagnosticDescriptors.ById(id);

        Assert.EndsWith($"/docs/diagnostics/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Has_one_release_tracking_row_with_its_category_and_severity(string id)
    {
        var descriptor = DiagnosticDescriptors.ById(id);
        var rows = ReleaseRows().Where(row => row[0] == id).ToList();

        var row = Assert.Single(rows);
        Assert.Equal(descriptor.Category, row[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), row[2]);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Has_a_row_in_the_README_and_the_docs_index(string id)
    {
        string link = $"| [{id}](docs/diagnostics/{id}.md) |";
        Assert.Contains(File.ReadAllLines(Path.Combine(RepoRoot, "README.md")), line => line.StartsWith(link, StringComparison.Ordinal));

        var title = DiagnosticDescriptors.ById(id).Title.ToString();
        Assert.Contains($"| [{id}]({id}.md) | {title} |", File.ReadAllLines(Path.Combine(DocsDirectory, "README.md")));
    }

    [Fact]
    public void No_page_or_release_row_documents_an_id_without_a_descriptor()
    {
        var ids = DiagnosticDescriptors.All.Select(d => d.Id).ToHashSet();
        var pages = Directory.GetFiles(DocsDirectory, "SD*.md").Select(Path.GetFileNameWithoutExtension);

        Assert.DoesNotContain(pages, page => !ids.Contains(page!));
        Assert.DoesNotContain(ReleaseRows(), row => !ids.Contains(row[0]));
    }

    private static List<string> MessageBlock(string[] lines) => CodeBlockAfter(lines, "## Message");

    /// <summary>The lines of the first code block after <paramref name="heading"/>.</summary>
    private static List<string> CodeBlockAfter(string[] lines, string heading) =>
        lines.SkipWhile(line => line != heading)
            .SkipWhile(line => !line.StartsWith("```", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(line => !line.StartsWith("```", StringComparison.Ordinal))
            .ToList();

    /// <summary>The message format as a whole-line pattern: literal text, with any text for each <c>{n}</c>.</summary>
    private static Regex MessagePattern(DiagnosticDescriptor descriptor)
    {
        string format = descriptor.MessageFormat.ToString();
        var literals = Regex.Split(format, @"\{\d+\}").Select(Regex.Escape);
        return new Regex("^" + string.Join(".*", literals) + "$");
    }

    /// <summary>Rows of the rule tables of both release files: id, category, severity, notes.</summary>
    private static IEnumerable<string[]> ReleaseRows() =>
        new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadAllLines(Path.Combine(RepoRoot, "generators", "SciDsl.Generators", file)))
            .Where(line => line.StartsWith("SD", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray());

    private static string FindRepoRoot([CallerFilePath] string testFile = "")
    {
        for (var directory = new DirectoryInfo(Path.GetDirectoryName(testFile)!); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "SciDsl.sln"))) return directory.FullName;
        throw new InvalidOperationException($"no SciDsl.sln above {testFile}");
    }
}
