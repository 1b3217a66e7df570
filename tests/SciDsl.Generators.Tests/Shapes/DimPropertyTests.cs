using System.Numerics;
using CsCheck;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Tests.Shapes;

/// <summary>
/// Properties over random expressions with floor division and products: the simplified Dim evaluates
/// exactly like the expression as written (or reports overflow, never a wrong value), printing then
/// parsing loses nothing, and spellings that differ only in order are structurally equal.
/// </summary>
public class DimPropertyTests
{
    private static readonly string[] SymbolNames = { "B", "H", "W" };

    /// <summary>An expression as written, with its reference value in unbounded integers.</summary>
    private sealed record Expr(string Text, Func<IReadOnlyDictionary<string, long>, BigInteger> Value)
    {
        public override string ToString() => Text;
    }

    private static readonly Gen<Expr> Leaf = Gen.OneOf(
        Gen.Int[-20, 20].Select(c => new Expr(c < 0 ? $"({c})" : c.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => c)),
        Gen.Int[0, SymbolNames.Length - 1].Select(i => new Expr(SymbolNames[i], b => b[SymbolNames[i]])));

    private static BigInteger FloorDivide(BigInteger a, int d) =>
        BigInteger.DivRem(a, d, out var remainder) - (remainder < 0 ? 1 : 0);

    /// <summary>
    /// Sums, differences, floor quotients and negations; products of a small constant and an expression (affine),
    /// or with <paramref name="products"/> of any two expressions.
    /// </summary>
    private static Gen<Expr> Expressions(bool products) => Gen.Recursive<Expr>((depth, inner) => depth >= 4
        ? Leaf
        : Gen.OneOf(
            Leaf,
            Gen.Select(inner, inner, (a, b) => new Expr($"({a.Text} + {b.Text})", v => a.Value(v) + b.Value(v))),
            Gen.Select(inner, inner, (a, b) => new Expr($"({a.Text} - {b.Text})", v => a.Value(v) - b.Value(v))),
            products
                ? Gen.Select(inner, inner, (a, b) => new Expr($"({a.Text} * {b.Text})", v => a.Value(v) * b.Value(v)))
                : Gen.Select(inner, Gen.Int[-4, 4], (a, k) => new Expr($"({k} * {a.Text})", v => k * a.Value(v))),
            Gen.Select(inner, Gen.Int[1, 6], (a, d) => new Expr($"({a.Text} / {d})", v => FloorDivide(a.Value(v), d))),
            inner.Select(a => new Expr($"(-{a.Text})", v => -a.Value(v)))));

    private static readonly Gen<Expr> Expression = Expressions(products: false);

    private static readonly Gen<Expr> WithProducts = Expressions(products: true);

    private static readonly Gen<Dictionary<string, long>> Bindings =
        Gen.Select(Gen.Long[1, 60], Gen.Long[1, 60], Gen.Long[1, 60], (b, h, w) => new Dictionary<string, long> { ["B"] = b, ["H"] = h, ["W"] = w });

    [Fact]
    public void A_dim_with_products_evaluates_exactly_or_reports_overflow_never_a_wrong_value()
    {
        int exact = 0, overflowed = 0;
        Gen.Select(WithProducts, Bindings).Sample((expr, bindings) =>
        {
            long? value;
            try
            {
                value = DimTests.Parse(expr.Text).Evaluate(bindings);
            }
            catch (OverflowException)
            {
                overflowed++;
                return;
            }
            Assert.Equal(expr.Value(bindings), (BigInteger)value!.Value);
            exact++;
        }, iter: 2000, threads: 1);
        // The sizes are small: overflow must stay the exception, so the equality above is what is tested.
        Assert.True(exact > 20 * overflowed, $"{exact} exact, {overflowed} overflowed");
    }

    [Fact]
    public void A_printed_dim_with_products_parses_back_to_the_same_normal_form() =>
        WithProducts.Sample(expr =>
        {
            var dim = DimTests.Parse(expr.Text);
            Assert.Equal(dim, DimTests.Parse(dim.ToString()));
        }, iter: 2000, threads: 1);

    [Fact]
    public void Products_and_sums_in_any_order_and_grouping_are_structurally_equal() =>
        Gen.Select(Expression, Expression, Expression).Sample((a, b, c) =>
        {
            Assert.Equal(DimTests.Parse($"({a}) * ({b}) * ({c})"), DimTests.Parse($"({c}) * (({b}) * ({a}))"));
            Assert.Equal(DimTests.Parse($"({a}) * (({b}) + ({c}))"), DimTests.Parse($"({c}) * ({a}) + ({a}) * ({b})"));
            Assert.Equal(DimTests.Parse($"(({a}) - ({b})) * (({a}) + ({b}))"), DimTests.Parse($"({a}) * ({a}) - ({b}) * ({b})"));
        }, iter: 1000, threads: 1);

    [Fact]
    public void Simplified_dim_evaluates_like_the_written_expression() =>
        Gen.Select(Expression, Bindings).Sample((expr, bindings) =>
            Assert.Equal(expr.Value(bindings), (BigInteger)DimTests.Parse(expr.Text).Evaluate(bindings)!.Value), iter: 2000, threads: 1);

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
