using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>Cuts a window of fixed length along one dimension, starting at a different offset in each sample.</summary>
internal static class RandomWindow
{
    /// <summary>
    /// <paramref name="offsets"/> is <c>[B]</c> int64; sample b keeps positions offsets[b] .. offsets[b]+length-1 of <paramref name="dim"/>.
    /// </summary>
    public static Tensor Cut(Tensor batch, long dim, Tensor offsets, long length)
    {
        long[] indexShape = new long[batch.dim()];
        Array.Fill(indexShape, 1L);
        indexShape[0] = batch.shape[0];
        indexShape[dim] = length;
        using var positions = torch.arange(length, ScalarType.Int64, batch.device);
        using var window = offsets.unsqueeze(1) + positions.unsqueeze(0);   // [B, length]
        long[] outputShape = (long[])batch.shape.Clone();
        outputShape[dim] = length;
        using var index = window.view(indexShape).expand(outputShape);
        return batch.gather(dim, index);
    }
}
