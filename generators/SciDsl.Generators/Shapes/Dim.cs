using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Shapes;

/// <summary>
/// A tensor dimension: an affine integer expression over symbols with floor division by
/// positive constants, kept in a normal form (constant + sorted terms with non-zero
/// coefficients) so that structural equality means "provably equal".
/// Symbols stand for sizes, so they are assumed to be at least 1.
/// All arithmetic is checked: a result outside ±(2^63 − 1) throws <see cref="OverflowException"/>
/// (reported as SD1007), never wraps. <c>long.MinValue</c> is excluded too, so negating or printing
/// any coefficient is safe.
/// </summary>
internal sealed record Dim(long Constant, EquatableArray<DimTerm> Terms)
{
    public long Constant { get; } = InRange(Constant);

    public static readonly Dim Zero = new(0, EquatableArray<DimTerm>.Empty);

    public static Dim Of(long value) => new(value, EquatableArray<DimTerm>.Empty);

    public static Dim Symbol(string name) => FromTerms(0, new[] { new DimTerm(1, DimAtom.ForSymbol(name)) });

    public bool IsConstant => Terms.Count == 0;

    /// <summary>True when the dim is at least 1 for every binding of its symbols to sizes (>= 1).</summary>
    public bool IsProvablyPositive => LowerBound >= 1;

    /// <summary>
    /// True when the dim is at most 0 for every binding of its symbols to sizes (>= 1): a constant
    /// <= 0, or negative multiples of symbols whose largest value (all symbols 1) is <= 0, e.g. <c>-H</c>.
    /// </summary>
    public bool IsProvablyNonPositive =>
        IsConstant
            ? Constant <= 0
            : Terms.All(t => t.Atom.Symbol is not null && t.Coefficient < 0) && checked(Constant + Terms.Sum(t => t.Coefficient)) <= 0;

    /// <summary>The smallest value the dim takes when every symbol is at least 1, or null when it is unbounded below.</summary>
    public long? LowerBound =>
        IsConstant ? Constant
        : Terms.All(t => t.Coefficient > 0)
            ? Terms.Aggregate((long?)Constant, (sum, t) => t.Atom.LowerBound is { } atom ? checked(sum + t.Coefficient * atom) : null)
            : null;

    /// <summary>True when the dim is a bare symbol such as <c>B</c>.</summary>
    public bool IsSymbol => Constant == 0 && Terms.Count == 1 && Terms[0].Coefficient == 1 && Terms[0].Atom.Symbol is not null;

    /// <summary>Every symbol the expression mentions, in first-mention order.</summary>
    public IEnumerable<string> Symbols => IsConstant ? Enumerable.Empty<string>() : Terms.SelectMany(t => t.Atom.Symbols).Distinct();

    public static Dim operator +(Dim a, Dim b) => Sum(new[] { a, b });

    public static Dim operator +(Dim a, long b) => new(checked(a.Constant + b), a.Terms);

    public static Dim operator -(Dim a, Dim b) => a + b * -1;

    public static Dim operator -(Dim a, long b) => new(checked(a.Constant - b), a.Terms);

    /// <summary>Scaling by a non-zero factor keeps the terms distinct and in order: no re-normalising.</summary>
    public static Dim operator *(Dim a, long k) =>
        k == 0 ? Zero
        : a.IsConstant ? Of(checked(a.Constant * k))
        : new(checked(a.Constant * k), a.Terms.Select(t => new DimTerm(checked(t.Coefficient * k), t.Atom)).ToEquatableArray());

    /// <summary>
    /// The sum of all <paramref name="dims"/>, normalised once: O(n log n) in the number of terms,
    /// where adding them one by one would re-normalise the growing sum at every step.
    /// </summary>
    public static Dim Sum(IReadOnlyCollection<Dim> dims)
    {
        long constant = dims.Aggregate(0L, (sum, d) => checked(sum + d.Constant));
        var withTerms = dims.Where(d => !d.IsConstant).Take(2).ToList();
        // Constants added to at most one non-constant dim leave its terms in normal form.
        return withTerms.Count switch
        {
            0 => Of(constant),
            1 => new Dim(constant, withTerms[0].Terms),
            _ => FromTerms(constant, dims.SelectMany(d => d.Terms)),
        };
    }

    public static Dim operator *(long k, Dim a) => a * k;

    /// <summary>Multiplies two dims; defined only when one of them is a constant (dims stay affine).</summary>
    public Dim? Times(Dim other) =>
        other.IsConstant ? this * other.Constant : IsConstant ? other * Constant : null;

    /// <summary><c>floor(this / divisor)</c>, simplified as far as it provably can be.</summary>
    public Dim FloorDiv(long divisor)
    {
        if (divisor <= 0) throw new ArgumentOutOfRangeException(nameof(divisor), "divisor must be positive");
        if (divisor == 1) return this;
        if (IsConstant) return Of(FloorDivide(Constant, divisor));

        // c·a = d·q·a + r·a with 0 <= r < d: the multiples of d leave the floor exactly.
        long quotientConstant = FloorDivide(Constant, divisor);
        long remainderConstant = Constant - quotientConstant * divisor;
        var quotientTerms = new List<DimTerm>();
        var remainderTerms = new List<DimTerm>();
        foreach (var term in Terms)
        {
            long q = FloorDivide(term.Coefficient, divisor);
            long r = term.Coefficient - q * divisor;
            if (q != 0) quotientTerms.Add(new DimTerm(q, term.Atom));
            if (r != 0) remainderTerms.Add(new DimTerm(r, term.Atom));
        }
        var quotient = FromTerms(quotientConstant, quotientTerms);
        if (remainderTerms.Count == 0) return quotient; // 0 <= remainderConstant < divisor

        // floor(g·e / g·d) = floor(e / d)
        long common = remainderTerms.Aggregate(Gcd(remainderConstant, divisor), (g, t) => Gcd(g, t.Coefficient));
        var remainder = FromTerms(remainderConstant / common, remainderTerms.Select(t => new DimTerm(t.Coefficient / common, t.Atom)));

        // floor((floor(e / a) + r) / d) = floor((e + a·r) / (a·d)), also after the reduction above
        if (remainder.Terms.Count == 1 && remainder.Terms[0].Coefficient == 1 && remainder.Terms[0].Atom.Numerator is { } inner)
        {
            long innerDivisor = remainder.Terms[0].Atom.Divisor;
            return quotient + (inner + checked(innerDivisor * remainder.Constant)).FloorDiv(checked(innerDivisor * (divisor / common)));
        }
        return quotient + FromTerms(0, new[] { new DimTerm(1, DimAtom.ForFloorDiv(remainder, divisor / common)) });
    }

    /// <summary>The dim with each bound symbol replaced by its binding; unbound symbols stay as they are.</summary>
    public Dim Substitute(IReadOnlyDictionary<string, Dim> bindings) =>
        IsConstant ? this : Sum(Terms.Select(t => t.Atom.Substitute(bindings) * t.Coefficient).Append(Of(Constant)).ToList());

    /// <summary>The value under the given symbol bindings, or null when a symbol is unbound.</summary>
    public long? Evaluate(IReadOnlyDictionary<string, long> bindings)
    {
        long total = Constant;
        foreach (var term in Terms)
        {
            long? atom = term.Atom.Evaluate(bindings);
            if (atom is null) return null;
            total = checked(total + term.Coefficient * atom.Value);
        }
        return total;
    }

    public override string ToString() => Format(symbol => symbol);

    /// <summary>The dim as a C# <c>long</c> expression, with symbols renamed by <paramref name="symbolExpression"/>.</summary>
    public string ToCSharp(Func<string, string> symbolExpression) => Format(symbolExpression);

    private string Format(Func<string, string> symbolText)
    {
        if (IsConstant) return Constant.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        foreach (var term in Terms)
        {
            long magnitude = Math.Abs(term.Coefficient);
            // A leading minus binds tighter than '/': -(H / 2) must not print as -H / 2, i.e. floor(-H / 2).
            bool negatedQuotient = text.Length == 0 && term.Coefficient < 0 && term.Atom.Symbol is null;
            if (text.Length == 0) text.Append(term.Coefficient < 0 ? "-" : "");
            else text.Append(term.Coefficient < 0 ? " - " : " + ");
            string atom = term.Atom.Format(symbolText);
            if (magnitude == 1) text.Append(negatedQuotient ? "(" + atom + ")" : atom);
            else text.Append(magnitude.ToString(CultureInfo.InvariantCulture)).Append(" * ")
                     .Append(term.Atom.Symbol is null ? "(" + atom + ")" : atom);
        }
        if (Constant != 0)
            text.Append(Constant < 0 ? " - " : " + ").Append(Math.Abs(Constant).ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>Merges terms with the same atom, drops zero coefficients and sorts the rest: the normal form.</summary>
    private static Dim FromTerms(long constant, IEnumerable<DimTerm> terms)
    {
        var merged = new Dictionary<DimAtom, long>();
        foreach (var term in terms)
            merged[term.Atom] = merged.TryGetValue(term.Atom, out long c) ? checked(c + term.Coefficient) : term.Coefficient;
        var normal = new List<DimTerm>(merged.Count);
        foreach (var pair in merged)
            if (pair.Value != 0) normal.Add(new DimTerm(pair.Value, pair.Key));
        normal.Sort(static (a, b) => DimAtom.Compare(a.Atom, b.Atom));
        return new Dim(constant, normal.ToEquatableArray());
    }

    /// <summary>Every number in a dim stays within ±(2^63 − 1), so negation and printing cannot overflow.</summary>
    internal static long InRange(long value) =>
        value == long.MinValue ? throw new OverflowException("a size reached -2^63") : value;

    internal static long FloorDivide(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }

    private static long Gcd(long a, long b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}

/// <summary>One <c>coefficient · atom</c> of a <see cref="Dim"/>.</summary>
internal sealed record DimTerm(long Coefficient, DimAtom Atom)
{
    public long Coefficient { get; } = Dim.InRange(Coefficient);
}

/// <summary>A symbol, or <c>floor(Numerator / Divisor)</c> that could not be simplified further.</summary>
internal sealed record DimAtom(string? Symbol, Dim? Numerator, long Divisor)
{
    public static DimAtom ForSymbol(string name) => new(name, null, 1);

    public static DimAtom ForFloorDiv(Dim numerator, long divisor) => new(null, numerator, divisor);

    /// <summary>Symbols sort before quotients, each alphabetically (ordinal), so printing is deterministic.</summary>
    public static int Compare(DimAtom a, DimAtom b) =>
        a.Symbol is { } left
            ? b.Symbol is { } right ? string.CompareOrdinal(left, right) : -1
            : b.Symbol is not null ? 1 : string.CompareOrdinal(a.Format(s => s), b.Format(s => s));

    public IEnumerable<string> Symbols => Symbol is not null ? new[] { Symbol } : Numerator!.Symbols;

    /// <summary>1 for a symbol (a size); the floor of the numerator's lower bound for a quotient.</summary>
    public long? LowerBound =>
        Symbol is not null ? 1 : Numerator!.LowerBound is { } numerator ? Dim.FloorDivide(numerator, Divisor) : null;

    public Dim Substitute(IReadOnlyDictionary<string, Dim> bindings) =>
        Symbol is not null
            ? bindings.TryGetValue(Symbol, out var bound) ? bound : Dim.Symbol(Symbol)
            : Numerator!.Substitute(bindings).FloorDiv(Divisor);

    public long? Evaluate(IReadOnlyDictionary<string, long> bindings)
    {
        if (Symbol is not null) return bindings.TryGetValue(Symbol, out long value) ? value : null;
        long? numerator = Numerator!.Evaluate(bindings);
        return numerator is null ? null : Dim.FloorDivide(numerator.Value, Divisor);
    }

    public string Format(Func<string, string> symbolText)
    {
        if (Symbol is not null) return symbolText(Symbol);
        string numerator = Numerator!.ToCSharp(symbolText);
        bool bare = Numerator.IsSymbol;
        return (bare ? numerator : "(" + numerator + ")") + " / " + Divisor.ToString(CultureInfo.InvariantCulture);
    }
}
