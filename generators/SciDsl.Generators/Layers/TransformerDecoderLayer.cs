using System.Collections.Generic;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// <c>TransformerDecoder(layers, heads, Memory = "memory", FeedForward, Dropout)</c> over a target <c>[B, T, D]</c> and
/// the named memory <c>[B, S, D]</c> → <c>[B, T, D]</c>: PyTorch's post-norm decoder layer (causal self-attention over
/// the target, attention over the memory, then a ReLU feed-forward, each added to its input and layer-normalised),
/// stacked <c>layers</c> times. The width D (inferred) must be a number the heads divide, and the memory's width too.
/// </summary>
internal sealed record TransformerDecoderLayer(LayerSite Site, int Layers, int Heads, NamedInput Memory, int FeedForward, double Dropout,
    Dim? Width = null) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("TransformerDecoder", Parse);

    private const string MemoryArgument = "Memory";

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        var (layers, heads, feedForward, dropout) = TransformerEncoderLayer.ParseStack(args, errors);
        var memory = NamedInput.Required(args, MemoryArgument, "memory", errors);
        return errors.Any ? null : new TransformerDecoderLayer(site, layers, heads, memory!, feedForward, dropout);
    }

    public override EquatableArray<NamedInput> NamedInputs => EquatableArray.Of(Memory);

    public override LayerInference Infer(InferContext context) =>
        MultiHeadAttentionLayer.RejectSequence(context, Heads, needsFixedWidth: true)
        ?? MultiHeadAttentionLayer.RejectKeyValue(context, MemoryArgument)
        ?? context.Ok(this with { Width = context.Input.Last }, context.Input);

    public override string TorchType => "TransformerDecoder";

    public override IEnumerable<Dim> ConstructionDims => new[] { Width! };

    public override string TorchFactory() =>
        $"{Torch.Nn}.TransformerDecoder({Torch.Nn}.TransformerDecoderLayer({TorchSizes.Of(Width!)}, {Literal.Long(Heads)}, " +
        $"{Literal.Long(FeedForward)}, {Literal.Double(Dropout)}), {Literal.Long(Layers)})";

    /// <summary>TorchSharp's decoder is sequence-first and takes the causal mask as an argument: the runtime helper does both.</summary>
    public override string TorchForward(string module, IReadOnlyList<string> inputs) =>
        $"global::SciDsl.Models.SelfAttention.Decode({module}, {inputs[0]}, {inputs[1]})";

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        string x = onnx.Input, memory = onnx.Inputs[1];
        long width = Width!.Constant;
        for (int layer = 0; layer < Layers; layer++)
        {
            string prefix = $"layers.{layer}.";
            string step = $"layers_{layer}_";
            bool last = layer == Layers - 1;
            string? AddAndNormalise(string residual, string update, int norm, bool final) =>
                TransformerEncoderLayer.Normalise(onnx, onnx.Step(step + "residual" + norm, "Add", new[] { residual, update }), width,
                    prefix + "norm" + norm + ".", step + "norm" + norm + "_", final);
            string attended = MultiHeadAttentionLayer.Emit(onnx, x, x, prefix + "self_attn.", Heads, causal: true, resultStep: step + "self_attention")!;
            string target = AddAndNormalise(x, attended, 1, final: false)!;
            string crossed = MultiHeadAttentionLayer.Emit(onnx, target, memory, prefix + "multihead_attn.", Heads, causal: false, resultStep: step + "cross_attention")!;
            string remembered = AddAndNormalise(target, crossed, 2, final: false)!;
            string hidden = onnx.Step(step + "relu", "Relu", new[] { TransformerEncoderLayer.Dense(onnx, remembered, prefix + "linear1.", step + "linear1") });
            string fed = TransformerEncoderLayer.Dense(onnx, hidden, prefix + "linear2.", step + "linear2");
            if (AddAndNormalise(remembered, fed, 3, final: last) is { } output) x = output;
        }
    }
}
