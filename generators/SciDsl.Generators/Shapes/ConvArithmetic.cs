namespace SciDsl.Generators.Shapes;

/// <summary>Output sizes of sliding windows (convolution, pooling), as in PyTorch with ceil_mode off.</summary>
internal static class ConvArithmetic
{
    /// <summary><c>floor((in + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1</c></summary>
    public static Dim OutputSize(Dim input, int kernel, int stride, int padding, int dilation = 1) =>
        (input + 2L * padding - (long)dilation * (kernel - 1) - 1).FloorDiv(stride) + 1;

    /// <summary>Transposed convolution: <c>(in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1</c>.</summary>
    public static Dim TransposedOutputSize(Dim input, int kernel, int stride, int padding, int dilation, int outputPadding) =>
        (input - 1) * stride - 2L * padding + (long)dilation * (kernel - 1) + outputPadding + 1;

    /// <summary>Applies <see cref="OutputSize"/> to every dim after <c>[B, C]</c>, with <paramref name="channels"/> as the new C.</summary>
    public static Shape SlideOverSpatialDims(Shape input, Dim channels, int kernel, int stride, int padding, int dilation = 1)
    {
        var output = input.With(1, channels);
        for (int i = 2; i < input.Rank; i++)
            output = output.With(i, OutputSize(input[i], kernel, stride, padding, dilation));
        return output;
    }

    /// <summary>How a layer over <c>[B, C, spatial…]</c> names the shape it expects.</summary>
    public static string ChannelsFirstShape(int spatialRank) => spatialRank switch
    {
        1 => "[B, channels, length]",
        2 => "[B, channels, height, width]",
        _ => "[B, channels, depth, height, width]",
    };
}
