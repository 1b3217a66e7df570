using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl;

/// <summary>Inference helpers for encoder–decoder models declared as <c>[Model("src: int64[B,S]; tgt: int64[B,T]")]</c>.</summary>
public static class Seq2Seq
{
    /// <summary>
    /// Greedy decoding: starts every target with <paramref name="bos"/>, runs the model on the source and the target so
    /// far, appends the highest-scoring token of the last position, and repeats, so each step reads the model's own
    /// earlier predictions. The model maps <c>(source [B, S], target [B, T])</c> to scores <c>[B, T, V]</c> whose token
    /// ids are the scores' indices. Runs without autograd; put the model in eval mode first, or dropout makes it random.
    /// </summary>
    /// <param name="maxLength">Tokens to generate per sequence (at most).</param>
    /// <param name="end">An end-of-sequence token: decoding stops early once every sequence has produced it; the
    /// positions after a sequence's first <paramref name="end"/> hold <paramref name="end"/>.</param>
    /// <returns>The generated ids <c>[B, n]</c>, int64, without the leading <paramref name="bos"/>; n ≤ <paramref name="maxLength"/>.</returns>
    public static Tensor GreedyDecode(nn.Module<Tensor, Tensor, Tensor> model, Tensor source, long bos, int maxLength, long? end = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (source.dim() < 1)
            throw new ArgumentException($"the source must have a batch dim, e.g. [B, S], but has shape [{string.Join(", ", source.shape)}]", nameof(source));

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var target = full(source.shape[0], 1, bos, dtype: int64, device: source.device);
        var finished = zeros(source.shape[0], dtype: @bool, device: source.device);
        for (int step = 0; step < maxLength; step++)
        {
            var scores = model.forward(source, target);
            if (scores.dim() != 3 || scores.shape[0] != source.shape[0] || scores.shape[1] != target.shape[1])
                throw new ArgumentException(
                    $"{model.GetType().Name} returned scores of shape [{string.Join(", ", scores.shape)}] for a target of shape " +
                    $"[{string.Join(", ", target.shape)}]; greedy decoding needs [B, T, vocabulary]", nameof(model));
            var next = scores.select(1, -1).argmax(-1);
            if (end is { } stop)
            {
                next = where(finished, full_like(next, stop), next);
                finished = finished.logical_or(next.eq(stop));
            }
            target = cat([target, next.unsqueeze(1)], 1);
            if (end is not null && finished.all().item<bool>()) break;
        }
        return target.narrow(1, 1, target.shape[1] - 1).MoveToOuterDisposeScope();
    }
}
