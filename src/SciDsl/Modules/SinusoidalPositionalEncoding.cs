using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Modules;

/// <summary>
/// Adds the fixed sinusoidal position table of "Attention Is All You Need" to a batch-first
/// sequence <c>[B, T, D]</c>: <c>PE[t, 2i] = sin(t / 10000^(2i/D))</c>, <c>PE[t, 2i + 1] = cos(t / 10000^(2i/D))</c>.
/// The table is a non-persistent buffer: it follows the module between devices and stays out of checkpoints.
/// </summary>
public sealed class SinusoidalPositionalEncoding : nn.Module<Tensor, Tensor>
{
    private readonly string layer;

    /// <param name="features">D, the width of the sequence it is added to; even.</param>
    /// <param name="maxLength">The longest sequence accepted.</param>
    /// <param name="layer">The node name exceptions report.</param>
    public SinusoidalPositionalEncoding(long features, long maxLength, string layer) : base(nameof(SinusoidalPositionalEncoding))
    {
        if (features < 2 || features % 2 != 0) throw new ArgumentOutOfRangeException(nameof(features), features, "the width must be even and positive");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        this.layer = layer;
        MaxLength = maxLength;
        register_buffer("table", CreateTable(maxLength, features), persistent: false);
    }

    public long MaxLength { get; }

    /// <summary>The table, <c>[MaxLength, D]</c>, wherever the module was moved.</summary>
    public Tensor Table => get_buffer("table")!;

    public override Tensor forward(Tensor input)
    {
        long length = SequenceInputException.CheckLength(input, layer, MaxLength).shape[1];
        return input + Table.narrow(0, 0, length);
    }

    private static Tensor CreateTable(long maxLength, long features)
    {
        using var scope = NewDisposeScope();
        var positions = arange(maxLength, dtype: float64).unsqueeze(1);                              // [T, 1]
        var frequencies = exp(arange(0, features, 2, dtype: float64) * (-Math.Log(10000.0) / features)); // [D / 2]
        var angles = positions * frequencies;                                                           // [T, D / 2]
        // Interleave: sin at even features, cos at odd ones.
        return stack([sin(angles), cos(angles)], 2).reshape(maxLength, features).to(float32).MoveToOuterDisposeScope();
    }
}
