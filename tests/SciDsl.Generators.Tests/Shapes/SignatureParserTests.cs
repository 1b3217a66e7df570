using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Tests.Shapes;

/// <summary>Model signatures: names, element types and dims of one or more inputs.</summary>
public class SignatureParserTests
{
    [Fact]
    public void Parses_several_inputs_in_order()
    {
        var inputs = SignatureParser.Parse("x: B,N,16; adj: B,N,N", out string? error);

        Assert.Null(error);
        Assert.Equal(new[] { "x: [B, N, 16]", "adj: [B, N, N]" }, inputs!.Value.Select(t => t.ToString()));
    }

    [Theory]
    [InlineData("tokens: int64[B,T]", "int64", "[B, T]")]
    [InlineData("m: bool[B, 4]", "bool", "[B, 4]")]
    [InlineData("x: float64[B,(H - 1) / 2 + 1]", "float64", "[B, (H + 1) / 2]")]
    [InlineData("x: B,3", "float32", "[B, 3]")]
    [InlineData("x: B,T*C", "float32", "[B, C*T]")]
    [InlineData("x: B, 2*H*W + H*W", "float32", "[B, 3*H*W]")]
    public void Parses_element_types_and_dims(string text, string elementType, string shape)
    {
        var tensor = Assert.Single(SignatureParser.Parse(text, out _)!.Value);

        Assert.Equal(elementType, tensor.ElementType);
        Assert.Equal(shape, tensor.Shape.ToString());
    }

    [Theory]
    [InlineData("x: B,1,,28", "dim 2 ('')")]
    [InlineData("x B,1", "has no ':'")]
    [InlineData("x: int7[B,T]", "unknown element type 'int7'")]
    [InlineData("x: B**C,1", "dim 0 ('B**C')")]
    [InlineData("1x: B,1", "'1x' is not a valid input name")]
    [InlineData("x: B,2; ", "has no ':'")]
    [InlineData("x: B,2; x: B,3", "declared twice")]
    [InlineData("x: int64[B,2", "missing ']'")]
    [InlineData("   ", "empty")]
    [InlineData("x: B,0", "dim 1 is 0")]
    public void Names_the_faulty_part(string text, string reason)
    {
        Assert.Null(SignatureParser.Parse(text, out string? error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void ParseDims_reads_bare_dims() =>
        Assert.Equal("[B, 64, 7, 7]", SignatureParser.ParseDims("B,64,7,7", out _)!.ToString());
}
