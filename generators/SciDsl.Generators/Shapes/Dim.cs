using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Shapes;

/// <summary>
/// A tensor dimension: an integer polynomial over symbols with floor division by positive
/// constants (<c>C*T</c>, <c>(H - 3) / 2 + 1</c>, <c>64*(H / 2)*(W / 2)</c>), kept in a normal form
/// (constant + sorted monomials with merged, non-zero coefficients) so that structural equality
/// means "provably equal".
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

    public static Dim Symbol(string name) => FromTerms(0, new[] { new DimTerm(1, DimMonomial.Of(DimAtom.ForSymbol(name))) });

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
            : Terms.All(t => t.Monomial.IsSymbolsOnly && t.Coefficient < 0) && checked(Constant + Terms.Sum(t => t.Coefficient)) <= 0;

    /// <summary>The smallest value the dim takes when every symbol is at least 1, or null when it is unbounded below.</summary>
    public long? LowerBound =>
        IsConstant ? Constant
        : Terms.All(t => t.Coefficient > 0)
            ? Terms.Aggregate((long?)Constant, (sum, t) => t.Monomial.LowerBound is { } least ? checked(sum + t.Coefficient * least) : null)
            : null;

    /// <summary>True when the dim is a bare symbol such as <c>B</c>.</summary>
    public bool IsSymbol => Constant == 0 && Terms.Count == 1 && Terms[0].Coefficient == 1 && Terms[0].Monomial.Single?.Symbol is not null;

    /// <summary>Every symbol the expression mentions, in first-mention order.</summary>
    public IEnumerable<string> Symbols => IsConstant ? Enumerable.Empty<string>() : Terms.SelectMany(t => t.Monomial.Symbols).Distinct();

    public static Dim operator +(Dim a, Dim b) => Sum(new[] { a, b });

    public static Dim operator +(Dim a, long b) => new(checked(a.Constant + b), a.Terms);

    public static Dim operator -(Dim a, Dim b) => a + b * -1;

    public static Dim operator -(Dim a, long b) => new(checked(a.Constant - b), a.Terms);

    /// <summary>Scaling by a non-zero factor keeps the terms distinct and in order: no re-normalising.</summary>
    public static Dim operator *(Dim a, long k) =>
        k == 0 ? Zero
        : a.IsConstant ? Of(checked(a.Constant * k))
        : new(checked(a.Constant * k), a.Terms.Select(t => new DimTerm(checked(t.Coefficient * k), t.Monomial)).ToEquatableArray());

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

    /// <summary>
    /// The product multiplied out into monomials (<c>(C + 1)·T = C*T + T</c>). More than
    /// <see cref="MaxTerms"/> terms or <see cref="DimMonomial.MaxDegree"/> factors in a monomial throws
    /// <see cref="OverflowException"/> (SD1007): multiplying out must stay small enough to check.
    /// </summary>
    public static Dim operator *(Dim a, Dim b)
    {
        if (b.IsConstant) return a * b.Constant;
        if (a.IsConstant) return b * a.Constant;
        if ((a.Terms.Count + 1L) * (b.Terms.Count + 1L) > MaxTerms)
            throw new OverflowException($"a product of more than {MaxTerms} terms");
        var terms = new List<DimTerm>();
        foreach (var left in a.Terms) terms.Add(new DimTerm(checked(left.Coefficient * b.Constant), left.Monomial));
        foreach (var right in b.Terms) terms.Add(new DimTerm(checked(a.Constant * right.Coefficient), right.Monomial));
        foreach (var left in a.Terms)
            foreach (var right in b.Terms)
                terms.Add(new DimTerm(checked(left.Coefficient * right.Coefficient), left.Monomial.Times(right.Monomial)));
        return FromTerms(checked(a.Constant * b.Constant), terms);
    }

    /// <summary>The most terms a product may multiply out to.</summary>
    public const int MaxTerms = 4096;

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
            if (q != 0) quotientTerms.Add(new DimTerm(q, term.Monomial));
            if (r != 0) remainderTerms.Add(new DimTerm(r, term.Monomial));
        }
        var quotient = FromTerms(quotientConstant, quotientTerms);
        if (remainderTerms.Count == 0) return quotient; // 0 <= remainderConstant < divisor

        // floor(g·e / g·d) = floor(e / d)
        long common = remainderTerms.Aggregate(Gcd(remainderConstant, divisor), (g, t) => Gcd(g, t.Coefficient));
        var remainder = FromTerms(remainderConstant / common, remainderTerms.Select(t => new DimTerm(t.Coefficient / common, t.Monomial)));

        // floor((floor(e / a) + r) / d) = floor((e + a·r) / (a·d)), also after the reduction above
        if (remainder.Terms.Count == 1 && remainder.Terms[0].Coefficient == 1 && remainder.Terms[0].Monomial.Single?.Numerator is { } inner)
        {
            long innerDivisor = remainder.Terms[0].Monomial.Single!.Divisor;
            return quotient + (inner + checked(innerDivisor * remainder.Constant)).FloorDiv(checked(innerDivisor * (divisor / common)));
        }
        return quotient + FromTerms(0, new[] { new DimTerm(1, DimMonomial.Of(DimAtom.ForFloorDiv(remainder, divisor / common))) });
    }

    /// <summary>True when the dim is provably a multiple of <paramref name="factor"/> (positive) for every binding, e.g. <c>4*C</c> of 4.</summary>
    public bool IsMultipleOf(long factor) => FloorDiv(factor) * factor == this;

    /// <summary>
    /// The symbols of <paramref name="varying"/> that some monomial multiplies with another of them (<c>H</c> and
    /// <c>W</c> in <c>64*H*W + C</c> or <c>(H*W) / 2</c> for varying C, H, W), in first-mention order: the dim then
    /// grows faster than any one of them.
    /// </summary>
    public IEnumerable<string> SymbolsMultipliedTogether(ICollection<string> varying) =>
        Terms.SelectMany(t => t.Monomial.SymbolsMultipliedTogether(varying)).Distinct();

    /// <summary>The dim with each bound symbol replaced by its binding; unbound symbols stay as they are.</summary>
    public Dim Substitute(IReadOnlyDictionary<string, Dim> bindings) =>
        IsConstant ? this : Sum(Terms.Select(t => t.Monomial.Substitute(bindings) * t.Coefficient).Append(Of(Constant)).ToList());

    /// <summary>The value under the given symbol bindings, or null when a symbol is unbound.</summary>
    public long? Evaluate(IReadOnlyDictionary<string, long> bindings)
    {
        long total = Constant;
        foreach (var term in Terms)
        {
            long? monomial = term.Monomial.Evaluate(bindings);
            if (monomial is null) return null;
            total = checked(total + term.Coefficient * monomial.Value);
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
            var single = term.Monomial.Single;
            // A leading minus binds tighter than '/': -(H / 2) must not print as -H / 2, i.e. floor(-H / 2).
            bool negatedQuotient = text.Length == 0 && term.Coefficient < 0 && single is { Symbol: null };
            if (text.Length == 0) text.Append(term.Coefficient < 0 ? "-" : "");
            else text.Append(term.Coefficient < 0 ? " - " : " + ");
            string monomial = term.Monomial.Format(symbolText);
            if (magnitude == 1) text.Append(negatedQuotient ? "(" + monomial + ")" : monomial);
            // A product prints compactly, 4*H*W, so that it reads as one size among the terms of a sum.
            else if (single is null) text.Append(magnitude.ToString(CultureInfo.InvariantCulture)).Append('*').Append(monomial);
            else text.Append(magnitude.ToString(CultureInfo.InvariantCulture)).Append(" * ")
                     .Append(single.Symbol is null ? "(" + monomial + ")" : monomial);
        }
        if (Constant != 0)
            text.Append(Constant < 0 ? " - " : " + ").Append(Math.Abs(Constant).ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>Merges terms with the same monomial, drops zero coefficients and sorts the rest: the normal form.</summary>
    private static Dim FromTerms(long constant, IEnumerable<DimTerm> terms)
    {
        var merged = new Dictionary<DimMonomial, long>();
        foreach (var term in terms)
            merged[term.Monomial] = merged.TryGetValue(term.Monomial, out long c) ? checked(c + term.Coefficient) : term.Coefficient;
        var normal = new List<DimTerm>(merged.Count);
        foreach (var pair in merged)
            if (pair.Value != 0) normal.Add(new DimTerm(pair.Value, pair.Key));
        normal.Sort(static (a, b) => DimMonomial.Compare(a.Monomial, b.Monomial));
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

/// <summary>One <c>coefficient · monomial</c> of a <see cref="Dim"/>.</summary>
internal sealed record DimTerm(long Coefficient, DimMonomial Monomial)
{
    public long Coefficient { get; } = Dim.InRange(Coefficient);
}

/// <summary>
/// A product of atoms, <c>C*T</c> or <c>(H / 2)*W</c>: its factors sorted (a power repeats its factor),
/// so one product has one spelling.
/// </summary>
internal sealed record DimMonomial(EquatableArray<DimAtom> Factors)
{
    /// <summary>The most factors one monomial may have: multiplying out must stay small enough to check.</summary>
    public const int MaxDegree = 64;

    public static DimMonomial Of(DimAtom atom) => new(EquatableArray.Of(atom));

    /// <summary>The only factor of a monomial of degree 1, else null.</summary>
    public DimAtom? Single => Factors.Count == 1 ? Factors[0] : null;

    /// <summary>True when every factor is a symbol, so the product is at least 1.</summary>
    public bool IsSymbolsOnly => Factors.All(f => f.Symbol is not null);

    public IEnumerable<string> Symbols => Factors.SelectMany(f => f.Symbols);

    /// <summary>See <see cref="Dim.SymbolsMultipliedTogether"/>; a quotient's numerator counts as one factor.</summary>
    public IEnumerable<string> SymbolsMultipliedTogether(ICollection<string> varying)
    {
        var mentioning = Factors.Where(f => f.Symbols.Any(varying.Contains)).ToList();
        return mentioning.Count > 1
            ? mentioning.SelectMany(f => f.Symbols).Where(varying.Contains)
            : mentioning.SelectMany(f => f.Numerator?.SymbolsMultipliedTogether(varying) ?? Enumerable.Empty<string>());
    }

    /// <summary>The product with each bound symbol replaced by its binding, multiplied out.</summary>
    public Dim Substitute(IReadOnlyDictionary<string, Dim> bindings) =>
        Factors.Aggregate(Dim.Of(1), (product, factor) => product * factor.Substitute(bindings));

    public DimMonomial Times(DimMonomial other)
    {
        if (Factors.Count + other.Factors.Count > MaxDegree)
            throw new OverflowException($"a product of more than {MaxDegree} sizes");
        var factors = Factors.Concat(other.Factors).ToList();
        factors.Sort(DimAtom.Compare);
        return new DimMonomial(factors.ToEquatableArray());
    }

    /// <summary>
    /// The product of the factors' lower bounds when none is negative (then it is the least the product
    /// takes), else null.
    /// </summary>
    public long? LowerBound
    {
        get
        {
            long product = 1;
            foreach (var factor in Factors)
            {
                if (factor.LowerBound is not { } least || least < 0) return null;
                product = checked(product * least);
            }
            return product;
        }
    }

    public long? Evaluate(IReadOnlyDictionary<string, long> bindings)
    {
        long product = 1;
        foreach (var factor in Factors)
        {
            if (factor.Evaluate(bindings) is not { } value) return null;
            product = checked(product * value);
        }
        return product;
    }

    /// <summary>Higher degrees first (<c>C*T + C</c>), then factor by factor, so printing is deterministic.</summary>
    public static int Compare(DimMonomial a, DimMonomial b)
    {
        if (a.Factors.Count != b.Factors.Count) return b.Factors.Count.CompareTo(a.Factors.Count);
        for (int i = 0; i < a.Factors.Count; i++)
            if (DimAtom.Compare(a.Factors[i], b.Factors[i]) is var order && order != 0) return order;
        return 0;
    }

    /// <summary><c>C*T</c>; a quotient inside a product keeps its parentheses, <c>(H / 2)*W</c>.</summary>
    public string Format(Func<string, string> symbolText) =>
        Single is { } single
            ? single.Format(symbolText)
            : string.Join("*", Factors.Select(f => f.Symbol is not null ? f.Format(symbolText) : "(" + f.Format(symbolText) + ")"));
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
