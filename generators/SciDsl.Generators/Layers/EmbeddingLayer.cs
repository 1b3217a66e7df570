using System.Linq;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary><c>Embedding(vocab, dim)</c>: integer token ids <c>[B, …]</c> → vectors <c>[B, …, dim]</c>.</summary>
internal sealed record EmbeddingLayer(LayerSite Site, long Vocab, long Dim) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("Embedding", Parse);

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        long vocab = args.Long("vocab", 0), dim = args.Long("dim", 0);
        if (vocab < 1) errors.Add($"the vocabulary size must be at least 1 but is {vocab}");
        if (dim < 1) errors.Add($"the embedding width must be at least 1 but is {dim}");
        return errors.Any ? null : new EmbeddingLayer(site, vocab, dim);
    }

    public override LayerInference Infer(InferContext context)
    {
        if (context.InputElementType != "int64")
            return context.Fail(DiagnosticDescriptors.LayerRejectsShape, Site.Display, "integer token ids, e.g. int64[B, T]",
                $"{context.InputElementType}{context.Input}", context.Source,
                "an embedding looks up rows by index, so declare the input as integers, e.g. [Model(\"tokens: int64[B,T]\")]");
        var output = new Shape(context.Input.Dims.Concat(new[] { Shapes.Dim.Of(Dim) }).ToEquatableArray());
        return context.Ok(this, output);
    }

    public override string TorchType => "Embedding";

    public override string TorchFactory() => $"{Torch.Nn}.Embedding({Literal.Long(Vocab)}, {Literal.Long(Dim)})";

    /// <summary>Ids are checked first: libtorch's own index error names neither the layer nor the vocabulary.</summary>
    public override string TorchForward(string module, System.Collections.Generic.IReadOnlyList<string> inputs) =>
        $"{module}.forward(global::SciDsl.SequenceInputException.CheckTokenIds({inputs[0]}, {Literal.String(module)}, {Literal.Long(Vocab)}))";

    public override void EmitOnnx(OnnxEmitContext onnx) =>
        onnx.Node("Gather", new[] { onnx.Parameter("weight"), onnx.Input }, OnnxEmitContext.Int("axis", 0));
}
