namespace SciDsl;

/// <summary>
/// The names of a data set's classes, in class-index order: class <c>i</c> is <c>Names[i]</c>. Kept with the loaded
/// data and saved beside the model (<see cref="DataPreparation"/>), so a prediction's index maps back to its name.
/// </summary>
public sealed class ClassLabels
{
    private readonly Dictionary<string, int> indices;

    /// <exception cref="ArgumentException">A name is repeated, or there are fewer than 2.</exception>
    public ClassLabels(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        Names = names.ToArray();
        if (Names.Count < 2)
            throw new ArgumentException($"A classification needs at least 2 classes, got {Names.Count} ({string.Join(", ", Names)}).", nameof(names));
        indices = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Names.Count; i++)
        {
            if (!indices.TryAdd(Names[i], i))
                throw new ArgumentException($"Class name '{Names[i]}' appears twice (classes {indices[Names[i]]} and {i}); class names must be distinct.", nameof(names));
        }
    }

    /// <summary>The distinct names found in labels, sorted ordinally so the same set of names always gives the same indices.</summary>
    public static ClassLabels FromLabels(IEnumerable<string> labels) =>
        new(labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    /// <summary>The class index of a name, or null when it is not one of <see cref="Names"/>.</summary>
    public int? IndexOf(string name) => indices.TryGetValue(name, out int index) ? index : null;

    /// <exception cref="ArgumentOutOfRangeException">The index is not a class index.</exception>
    public string NameOf(long index) =>
        index >= 0 && index < Names.Count
            ? Names[(int)index]
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"Class indices go from 0 to {Names.Count - 1} ({string.Join(", ", Names)}).");

    public override string ToString() => string.Join(", ", Names.Select((name, i) => $"{i}={name}"));
}
