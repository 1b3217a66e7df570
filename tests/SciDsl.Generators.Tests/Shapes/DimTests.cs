using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Tests.Shapes;

/// <summary>Dim parsing, printing and the normal form that makes structural equality mean provable equality.</summary>
public class DimTests
{
    internal static Dim Parse(string text) =>
        DimParser.Parse(text, out string? error) ?? throw new Xunit.Sdk.XunitException($"'{text}' did not parse: {error}");

    [Theory]
    [InlineData("28", "28")]
    [InlineData("(28 - 3 + 2) / 2 + 1", "14")]
    [InlineData("-7 / 2", "-4")]
    [InlineData("H", "H")]
    [InlineData("H*2", "2 * H")]
    [InlineData("W + H", "H + W")]
    [InlineData("(H - 3 + 2) / 2 + 1", "(H + 1) / 2")]
    [InlineData("(T - 2) / 4", "(T + 2) / 4 - 1")]
    [InlineData("(H + 1)/2/2", "(H + 1) / 4")]
    [InlineData("H / 2", "H / 2")]
    [InlineData("3 * (H / 2) - 1", "3 * (H / 2) - 1")]
    [InlineData("-(H / 2) + 5", "-(H / 2) + 5")]
    [InlineData("T*C", "C*T")]
    [InlineData("W * 4 * H", "4*H*W")]
    [InlineData("(C + 1) * T", "C*T + T")]
    [InlineData("(H - 2) * (W - 2) * 4", "4*H*W - 8 * H - 8 * W + 16")]
    [InlineData("H * H", "H*H")]
    [InlineData("(H / 2) * W", "W*(H / 2)")]
    [InlineData("2 * (W / 2) * (H / 2)", "2*(H / 2)*(W / 2)")]
    [InlineData("-(H / 2) * W", "-W*(H / 2)")]
    [InlineData("-(H / 2) * (W / 2)", "-(H / 2)*(W / 2)")]
    [InlineData("H - H * W", "-H*W + H")]
    public void Prints_the_normal_form(string text, string printed) =>
        Assert.Equal(printed, Parse(text).ToString());

    [Theory]
    [InlineData("(H - 3 + 2) / 2 + 1", "(H - 1) / 2 + 1")]
    [InlineData("2*H/2", "H")]
    [InlineData("(H + 1)/2/2", "(H + 1)/4")]
    [InlineData("(2*H + 2)/4", "(H + 1)/2")]
    [InlineData("H + H", "2 * H")]
    [InlineData("H - 1 + 1", "H")]
    [InlineData("(H + 3) / 2", "(H + 1) / 2 + 1")]
    [InlineData("4 * (H / 2) / 4", "H / 2")]
    [InlineData("-(H - W)", "W - H")]
    [InlineData("C * T", "T * C")]
    [InlineData("(C + 1) * (T + 1)", "C*T + C + T + 1")]
    [InlineData("H * (W * C)", "(C * H) * W")]
    [InlineData("2 * H * W / 2", "H * W")]
    [InlineData("(H * W + W * H) / 2", "H * W")]
    [InlineData("(4 * C * T + 3) / 4", "C * T")]
    [InlineData("(H - W) * (H + W)", "H * H - W * W")]
    public void Different_spellings_of_one_size_are_equal(string left, string right) =>
        Assert.Equal(Parse(left), Parse(right));

    [Theory]
    [InlineData("H", "W")]
    [InlineData("H / 2", "(H + 1) / 2")]
    [InlineData("H + 1", "H")]
    [InlineData("2 * (H / 2)", "H")]
    [InlineData("H / 2 / 3", "H / 5")]
    [InlineData("H * W", "H * H")]
    [InlineData("H * W", "H + W")]
    [InlineData("2 * (H / 2) * W", "H * W")]
    public void Different_sizes_are_not_equal(string left, string right) =>
        Assert.NotEqual(Parse(left), Parse(right));

    [Theory]
    [InlineData("H / 0", "positive integer")]
    [InlineData("H / W", "positive integer")]
    [InlineData("H / -2", "positive integer")]
    [InlineData("", "empty")]
    [InlineData("(H + 1", "missing ')'")]
    [InlineData("H +", "ends too early")]
    [InlineData("H $ 2", "unexpected '$'")]
    public void Rejects_what_is_not_a_size(string text, string reason)
    {
        Assert.Null(DimParser.Parse(text, out string? error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("99999999999999999999")]
    [InlineData("4611686018427387904*4+1")]
    [InlineData("3037000500*3037000500")]
    [InlineData("9223372036854775807 + 1")]
    [InlineData("-9223372036854775807 - 1")]
    [InlineData("H - 9223372036854775807 - 1")]
    [InlineData("4611686018427387904*H + 4611686018427387904*H")]
    [InlineData("H / 4611686018427387904 / 4")]
    [InlineData("3037000500 * H * 3037000500")]
    [InlineData("(A + B + C + D + E + F + G + H) * (A + B + C + D + E + F + G + H) * (A + B + C + D + E + F + G + H) * (A + B + C + D + E + F + G + H) * (A + B + C + D + E + F + G + H) * (A + B + C + D + E + F + G + H)")]
    public void Throws_overflow_naming_the_size_instead_of_wrapping(string text)
    {
        var overflow = Assert.Throws<OverflowException>(() => DimParser.Parse(text, out _));
        Assert.Equal($"the size '{text}'", overflow.Message);
    }

    [Fact]
    public void The_largest_size_still_parses_prints_and_negates()
    {
        var largest = Parse("9223372036854775807 - H");

        Assert.Equal("-H + 9223372036854775807", largest.ToString());
        Assert.Equal("H - 9223372036854775807", (largest * -1).ToString());
    }

    [Fact]
    public void Evaluating_past_64_bits_throws_instead_of_wrapping() =>
        Assert.Throws<OverflowException>(() => Parse("4 * H").Evaluate(new Dictionary<string, long> { ["H"] = 4611686018427387904 }));

    [Fact]
    public void A_sum_of_twenty_thousand_symbols_normalises_in_one_pass()
    {
        // Each symbol written twice, in descending order: the normal form merges and sorts them.
        const int count = 10_000;
        var names = Enumerable.Range(0, count).Select(i => $"S{i:D5}").Reverse().ToList();
        string text = string.Join(" + ", names.Concat(names)) + " + 7";
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        var sum = Parse(text);

        // A smoke bound only (normalising per term took minutes here); the timing is in DimBenchmarks.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"took {stopwatch.Elapsed}");
        Assert.Equal(7, sum.Constant);
        Assert.Equal(count, sum.Terms.Count);
        Assert.All(sum.Terms, t => Assert.Equal(2, t.Coefficient));
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), sum.Terms.Select(t => t.Monomial.Single!.Symbol));
    }

    [Theory]
    [InlineData("(H - 5) / 2", 2, -2)]
    [InlineData("(H - 5) / 2", 5, 0)]
    [InlineData("(H - 8) / 3 + 1", 1, -2)]
    [InlineData("(H + 1) / 4", 6, 1)]
    [InlineData("-H / 2", 3, -2)]
    [InlineData("-(H / 2)", 3, -1)]
    public void Evaluates_with_floor_division_including_negatives(string text, long h, long expected) =>
        Assert.Equal(expected, Parse(text).Evaluate(new Dictionary<string, long> { ["H"] = h }));

    [Fact]
    public void A_product_of_too_many_sizes_throws_overflow_instead_of_growing_without_bound()
    {
        string power = string.Join(" * ", Enumerable.Repeat("H", DimMonomial.MaxDegree + 1));

        Assert.Throws<OverflowException>(() => DimParser.Parse(power, out _));
        Assert.Equal(DimMonomial.MaxDegree, Parse(string.Join(" * ", Enumerable.Repeat("H", DimMonomial.MaxDegree))).Terms[0].Monomial.Factors.Count);
    }

    [Theory]
    [InlineData("4 * C", 4, true)]
    [InlineData("4*C*T + 8", 4, true)]
    [InlineData("C", 1, true)]
    [InlineData("12", 4, true)]
    [InlineData("2 * C", 4, false)]
    [InlineData("4 * C + 1", 4, false)]
    [InlineData("4 * (C / 2)", 4, true)]
    public void Knows_when_a_size_is_provably_a_multiple(string text, long factor, bool multiple) =>
        Assert.Equal(multiple, Parse(text).IsMultipleOf(factor));

    [Theory]
    [InlineData("64*H*W + C", "C,H,W", "H,W")]
    [InlineData("64*H*W", "H", "")]
    [InlineData("C*T + 3 * H", "H,T", "")]
    [InlineData("(H / 2)*(W / 2)", "H,W", "H,W")]
    [InlineData("((H + W) / 2)*C", "C,H,W", "C,H,W")]
    [InlineData("H*H", "H", "H")]
    [InlineData("(H*W) / 2 + 1", "H,W", "H,W")]
    [InlineData("(H + W) / 2", "H,W", "")]
    public void Names_the_input_sizes_a_product_multiplies_together(string text, string varying, string multiplied) =>
        Assert.Equal(multiplied.Split(',', StringSplitOptions.RemoveEmptyEntries),
            Parse(text).SymbolsMultipliedTogether(varying.Split(',')).ToArray());

    [Fact]
    public void Evaluating_with_an_unbound_symbol_gives_null() =>
        Assert.Null(Parse("H + W").Evaluate(new Dictionary<string, long> { ["H"] = 3 }));

    [Fact]
    public void Symbols_lists_each_symbol_once()
    {
        Assert.Equal(new[] { "H", "W" }, Parse("(H + W) / 2 + H").Symbols.Order());
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("-3", true)]
    [InlineData("-H", true)]
    [InlineData("1 - H", true)]
    [InlineData("2 - 3 * H - W", true)]
    [InlineData("1", false)]
    [InlineData("H", false)]
    [InlineData("2 - H", false)]
    [InlineData("H - 5", false)]
    [InlineData("-(H / 2)", false)]
    [InlineData("-H*W", true)]
    [InlineData("1 - H*W", true)]
    [InlineData("2 - H*W", false)]
    [InlineData("-(H / 2)*W", false)]
    public void Knows_when_a_size_is_provably_non_positive(string text, bool nonPositive) =>
        Assert.Equal(nonPositive, Parse(text).IsProvablyNonPositive);

    [Fact]
    public void Deep_nesting_is_refused_instead_of_overflowing_the_stack()
    {
        string deep = new string('(', 100_000) + "H" + new string(')', 100_000);

        Assert.Null(DimParser.Parse(deep, out string? error));
        Assert.Contains("nests deeper than", error);
        Assert.Equal("H", Parse(new string('(', 60) + "H" + new string(')', 60)).ToString());
    }

    [Theory]
    [InlineData("3", 3L)]
    [InlineData("H", 1L)]
    [InlineData("2 * H + W - 1", 2L)]
    [InlineData("T / 2", 0L)]
    [InlineData("(T + 2) / 4 - 1", -1L)]
    [InlineData("(H + 5) / 2", 3L)]
    [InlineData("H - W", null)]
    [InlineData("H*W", 1L)]
    [InlineData("2*H*W + H - 1", 2L)]
    [InlineData("(H / 2)*W", 0L)]
    [InlineData("((H - 5) / 2)*W", null)]
    [InlineData("H*W - 1", 0L)]
    [InlineData("H*W - H", null)]
    public void Lower_bound_assumes_every_symbol_is_at_least_one(string text, long? bound)
    {
        var dim = Parse(text);
        Assert.Equal(bound, dim.LowerBound);
        Assert.Equal(bound >= 1, dim.IsProvablyPositive);
    }
}
