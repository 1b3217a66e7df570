using System.Collections.Generic;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary><c>PositionalEncoding(MaxLength)</c>: adds the sinusoidal position table to <c>[B, T, D]</c> (D even).</summary>
internal sealed record PositionalEncodingLayer(LayerSite Site, long MaxLength, long Features = 0, bool FixedLength = false) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("PositionalEncoding", Parse);

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        long maxLength = args.Long("MaxLength", 5000);
        if (maxLength < 1) errors.Add($"MaxLength must be at least 1 but is {maxLength}");
        return errors.Any ? null : new PositionalEncodingLayer(site, maxLength);
    }

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        if (input.Rank != 3)
            return context.RejectShape("a batch-first sequence [B, T, features]",
                input.Rank == 2 ? "token ids need an [Embedding(vocab, dim)] before it" : "reshape it to [B, T, features] first");
        if (!input[2].IsConstant)
            return context.RejectShape("[B, T, features] with a fixed width",
                "the position table is built at construction: give the feature width as a number");
        long features = input[2].Constant;
        if (features % 2 != 0)
            return context.Fail(Diagnostics.DiagnosticDescriptors.InvalidLayerArgument, Site.Display,
                $"the width {features} of {input} from {context.Source} must be even (sin and cos alternate); make the previous layer's width even");
        if (input[1].IsConstant && input[1].Constant > MaxLength)
            return context.Fail(Diagnostics.DiagnosticDescriptors.InvalidLayerArgument, Site.Display,
                $"the sequence from {context.Source} has {input[1].Constant} steps but MaxLength = {MaxLength}; raise MaxLength to at least {input[1].Constant}");
        return context.Ok(this with { Features = features, FixedLength = input[1].IsConstant }, input);
    }

    public override string TorchType => "global::SciDsl.Modules.SinusoidalPositionalEncoding";

    public override string TorchFactory() =>
        $"new {TorchType}({Literal.Long(Features)}, {Literal.Long(MaxLength)}, {Literal.String(Site.Name)})";

    /// <summary>
    /// The table as a constant: only its first T rows for a fixed T, else the whole table sliced to the
    /// input's length at run time.
    /// </summary>
    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        if (FixedLength)
        {
            long steps = onnx.InputShape[1].Constant;
            onnx.Node("Add", new[] { onnx.Input, onnx.ComputedParameter("table", $"{onnx.Module}.Table.narrow(0, 0, {Literal.Long(steps)})") });
            return;
        }
        string shape = onnx.Step("shape", "Shape", new[] { onnx.Input });
        string length = onnx.Step("length", "Gather", new[] { shape, onnx.LongsConstant("time_axis", new[] { 1L }) }, OnnxEmitContext.Int("axis", 0));
        string table = onnx.Step("table", "Slice", new[]
        {
            onnx.ComputedParameter("table", $"{onnx.Module}.Table"), onnx.LongsConstant("start", new[] { 0L }), length, onnx.LongsConstant("axis", new[] { 0L }),
        });
        onnx.Node("Add", new[] { onnx.Input, table });
    }
}
