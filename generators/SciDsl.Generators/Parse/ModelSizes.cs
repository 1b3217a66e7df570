using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SciDsl.Generators.Check;
using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Parse;

/// <summary>
/// An experiment's <c>Sizes = "H=128, D=32"</c>: numbers for the model's constructor size symbols.
/// <see cref="Arguments"/> turns them into constructor arguments in the model's parameter order.
/// </summary>
internal static class ModelSizes
{
    /// <summary>The sizes by name, in the order written; or the problem with the text (SD3015's "is …" part).</summary>
    public static (Dictionary<string, long>? Sizes, string? Problem) Parse(string text)
    {
        var sizes = new Dictionary<string, long>();
        if (text.Trim().Length == 0) return (sizes, null);
        foreach (string entry in text.Split(','))
        {
            string[] parts = entry.Split('=');
            string name = parts[0].Trim();
            if (parts.Length != 2 || !IsIdentifier(name))
                return (null, $"is malformed at '{entry.Trim()}': each entry is Name=number, separated by commas");
            if (!long.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value <= 0)
                return (null, $"gives {name} '{parts[1].Trim()}', which is not a positive whole number");
            if (sizes.ContainsKey(name)) return (null, $"gives {name} twice");
            sizes.Add(name, value);
        }
        return (sizes, null);
    }

    /// <summary><c>"H=64, D=64"</c>: what to write for the symbols, keeping the sizes already given.</summary>
    public static string Example(IEnumerable<string> symbols, IReadOnlyDictionary<string, long> given) =>
        string.Join(", ", symbols.Select(s => $"{s}={(given.TryGetValue(s, out long value) ? value : 64).ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>
    /// The model's size each unknown name most likely means: the same name in another case, else one a few edits away
    /// (a single letter only by case, since any other letter is one edit away).
    /// </summary>
    public static List<(string Given, string Meant)> Meant(IEnumerable<string> unknown, IEnumerable<string> symbols) =>
        unknown.Select(u => (Given: u, Meant: ShapeChecker.Closest(u, symbols, u.Length / 3)))
            .Where(m => m.Meant is not null).Select(m => (m.Given, m.Meant!)).ToList();

    /// <summary>The sizes with each misspelt name's number also under the name it means, for <see cref="Example"/>.</summary>
    public static Dictionary<string, long> Renamed(IReadOnlyDictionary<string, long> sizes, IEnumerable<(string Given, string Meant)> meant)
    {
        var renamed = sizes.ToDictionary(size => size.Key, size => size.Value);
        foreach (var (given, name) in meant) renamed[name] = sizes[given];
        return renamed;
    }

    /// <summary><c> (did you mean 'H'?)</c>, or <c> (did you mean 'H' for 'h', 'C' for 'c'?)</c>; empty for none.</summary>
    public static string DidYouMean(IReadOnlyList<(string Given, string Meant)> meant) => meant.Count switch
    {
        0 => "",
        1 => $" (did you mean '{meant[0].Meant}'?)",
        _ => $" (did you mean {string.Join(", ", meant.Select(m => $"'{m.Meant}' for '{m.Given}'"))}?)",
    };

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary>The constructor arguments, in <paramref name="symbols"/> order.</summary>
    public static EquatableArray<long> Arguments(IEnumerable<string> symbols, IReadOnlyDictionary<string, long> sizes) =>
        symbols.Select(s => sizes[s]).ToEquatableArray();
}
