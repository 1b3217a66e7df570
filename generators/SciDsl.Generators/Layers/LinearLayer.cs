using System.Collections.Generic;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>Linear(out, In?, Bias)</c>: <c>[B, F] → [B, out]</c> or <c>[B, T, F] → [B, T, out]</c>.</summary>
internal sealed record LinearLayer(LayerSite Site, Dim Out, long? DeclaredIn, bool Bias, Dim? In = null) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("Linear", Parse);

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        string text = args.String("outFeatures") ?? "";
        var outFeatures = DimParser.Parse(text, out string? why);
        if (outFeatures is null)
        {
            errors.Malformed("the output width", text, why);
            return null;
        }
        if (outFeatures.IsProvablyNonPositive)
            errors.Add($"the output width must be positive but is {outFeatures}");
        long? declaredIn = args.Has("In") ? args.Long("In", 0) : null;
        if (declaredIn <= 0) errors.Add($"In must be positive but is {declaredIn}");
        return errors.Any ? null : new LinearLayer(site, outFeatures, declaredIn, args.Bool("Bias", true));
    }

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        if (input.Rank is not (2 or 3))
            return input.Rank > 3
                ? context.RejectShape("[B, features] or [B, T, features]", "insert [Flatten] before it", CodeFixHint.InsertBefore("Flatten"))
                : context.RejectShape("[B, features] or [B, T, features]", "give it at least a batch and a feature dim");
        Dim features = input.Last;
        if (DeclaredIn is { } declared && !features.Equals(Dim.Of(declared)))
            return features.IsConstant
                ? context.Fail(CodeFixHint.SetArgument("In", features.ToString()), DiagnosticDescriptors.ExplicitSizeContradicts, Site.Display,
                    $"In = {declared}", $"{input} ({features} features)", context.Source, $"write In = {features} or leave In out")
                : context.Fail(DiagnosticDescriptors.ExplicitSizeContradicts, Site.Display,
                    $"In = {declared}", $"{input} ({features} features)", context.Source, "leave In out: the width is inferred");
        return context.Ok(this with { In = features }, input.With(input.Rank - 1, Out));
    }

    public override string TorchType => "Linear";

    public override IEnumerable<Dim> ConstructionDims => new[] { In!, Out };

    public override string TorchFactory() =>
        $"{Torch.Nn}.Linear({TorchSizes.Of(In!)}, {TorchSizes.Of(Out)}{(Bias ? "" : ", hasBias: false")})";

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        if (onnx.InputShape.Rank == 2)
        {
            var inputs = new List<string> { onnx.Input, onnx.Parameter("weight") };
            if (Bias) inputs.Add(onnx.Parameter("bias"));
            onnx.Node("Gemm", inputs, OnnxEmitContext.Int("transB", 1));
            return;
        }
        // Gemm is 2-D only: on [B, T, F] multiply by the transposed weight, then add the bias.
        if (!Bias)
        {
            onnx.Node("MatMul", new[] { onnx.Input, onnx.Parameter("weight", transpose: true) });
            return;
        }
        string product = onnx.Step("matmul", "MatMul", new[] { onnx.Input, onnx.Parameter("weight", transpose: true) });
        onnx.Node("Add", new[] { product, onnx.Parameter("bias") });
    }
}
