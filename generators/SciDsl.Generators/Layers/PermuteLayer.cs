using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// <c>Permute(0, 2, 1)</c>: reorders the dims, output dim i being input dim Dims[i]. The dims are a permutation
/// of 0 … rank − 1 that keeps the batch dim 0 first.
/// </summary>
internal sealed record PermuteLayer(LayerSite Site, EquatableArray<int> Dims) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("Permute", Parse);

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        var dims = (args.String("dims") ?? "").Split(new[] { ',' }, System.StringSplitOptions.RemoveEmptyEntries)
            .Select(d => int.Parse(d, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToList();
        if (dims.Count == 0)
            errors.Add("give the new order of every dim, e.g. [Permute(0, 2, 1)] to swap the last two dims of [B, C, L]");
        else if (!dims.OrderBy(d => d).SequenceEqual(Enumerable.Range(0, dims.Count)))
            errors.Add($"the dims {string.Join(", ", dims)} must be a permutation of 0 … {dims.Count - 1}, each dim once");
        else if (dims[0] != 0)
            errors.Add($"the batch dim 0 must stay first, but the dims start with {dims[0]}; write [Permute(0, …)]");
        return errors.Any ? null : new PermuteLayer(site, dims.ToEquatableArray());
    }

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        if (input.Rank != Dims.Count)
            return context.RejectShape($"a rank-{Dims.Count} tensor (one entry per dim)", $"give the order of all {input.Rank} dims of the input");
        return context.Ok(this, new Shape(Dims.Select(d => input[d]).ToEquatableArray()));
    }

    public override string? TorchType => null;

    public override string TorchForward(string module, IReadOnlyList<string> inputs) =>
        $"{inputs[0]}.permute({string.Join(", ", Dims.Select(d => Literal.Long(d)))})";

    public override void EmitOnnx(OnnxEmitContext onnx) =>
        onnx.Node("Transpose", new[] { onnx.Input }, OnnxEmitContext.Ints("perm", Dims.Select(d => (long)d)));
}
