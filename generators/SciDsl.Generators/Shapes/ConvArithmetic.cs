namespace SciDsl.Generators.Shapes;

/// <summary>Output sizes of sliding windows (convolution, pooling), as in PyTorch with ceil_mode off.</summary>
internal static class ConvArithmetic
{
    /// <summary><c>floor((in + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1</c></summary>
    public static Dim OutputSize(Dim input, int kernel, int stride, int padding, int dilation = 1) =>
        (input + 2L * padding - (long)dilation * (kernel - 1) - 1).FloorDiv(stride) + 1;
}
