using CsCheck;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Tests.Shapes;

/// <summary>
/// Properties over random affine expressions with floor division: the simplified Dim evaluates
/// exactly like the expression as written, and printing then parsing loses nothing.
/// </summary>
public class DimPropertyTests
{
    private static readonly string[] SymbolNames = { "B", "H", "W" };

    /// <summary>An expression as written, with its reference value computed by plain integer arithmetic.</summary>
    private sealed record Expr(string Text, Func<IReadOnlyDictionary<string, long>, long> Value)
    {
        public override string ToString() => Text;
    }

    private static readonly Gen<Expr> Leaf = Gen.OneOf(
        Gen.Int[-20, 20].Select(c => new Expr(c < 0 ? $"({c})" : c.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => c)),
        Gen.Int[0, SymbolNames.Length - 1].Select(i => new Expr(SymbolNames[i], b => b[SymbolNames[i]])));

    private static readonly Gen<Expr> Expression = Gen.Recursive<Expr>((depth, inner) => depth >= 4
        ? Leaf
        : Gen.OneOf(
            Leaf,
            Gen.Select(inner, inner, (a, b) => new Expr($"({a.Text} + {b.Text})", v => a.Value(v) + b.Value(v))),
            Gen.Select(inner, inner, (a, b) => new Expr($"({a.Text} - {b.Text})", v => a.Value(v) - b.Value(v))),
            Gen.Select(inner, Gen.Int[-4, 4], (a, k) => new Expr($"({k} * {a.Text})", v => k * a.Value(v))),
            Gen.Select(inner, Gen.Int[1, 6], (a, d) => new Expr($"({a.Text} / {d})", v => (long)Math.Floor((double)a.Value(v) / d))),
            inner.Select(a => new Expr($"(-{a.Text})", v => -a.Value(v)))));

    private static readonly Gen<Dictionary<string, long>> Bindings =
        Gen.Select(Gen.Long[1, 60], Gen.Long[1, 60], Gen.Long[1, 60], (b, h, w) => new Dictionary<string, long> { ["B"] = b, ["H"] = h, ["W"] = w });

    [Fact]
    public void Simplified_dim_evaluates_like_the_written_expression() =>
        Gen.Select(Expression, Bindings).Sample((expr, bindings) =>
            Assert.Equal(expr.Value(bindings), DimTests.Parse(expr.Text).Evaluate(bindings)), iter: 2000, threads: 1);

    [Fact]
    public void Printed_dim_parses_back_to_the_same_value_and_the_same_normal_form() =>
        Gen.Select(Expression, Bindings).Sample((expr, bindings) =>
        {
            var dim = DimTests.Parse(expr.Text);
            var reparsed = DimTests.Parse(dim.ToString());
            Assert.Equal(dim.Evaluate(bindings), reparsed.Evaluate(bindings));
            Assert.Equal(dim, reparsed);
        }, iter: 2000, threads: 1);

    [Fact]
    public void Floor_division_by_a_product_equals_repeated_floor_division() =>
        Gen.Select(Expression, Gen.Int[1, 5], Gen.Int[1, 5], Bindings).Sample((expr, a, b, bindings) =>
        {
            var dim = DimTests.Parse(expr.Text);
            Assert.Equal(dim.FloorDiv(a * b).Evaluate(bindings), dim.FloorDiv(a).FloorDiv(b).Evaluate(bindings));
        }, iter: 1000, threads: 1);
}
