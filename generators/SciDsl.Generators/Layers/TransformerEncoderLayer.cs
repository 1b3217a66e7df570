using System.Collections.Generic;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// <c>TransformerEncoder(layers, heads, FeedForward, Dropout)</c> over <c>[B, T, D]</c> → <c>[B, T, D]</c>: PyTorch's
/// post-norm encoder layer (self-attention, then a ReLU feed-forward, each added to its input and layer-normalised),
/// stacked <c>layers</c> times. The width D (inferred) must be a number the heads divide.
/// </summary>
internal sealed record TransformerEncoderLayer(LayerSite Site, int Layers, int Heads, int FeedForward, double Dropout, Dim? Width = null)
    : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("TransformerEncoder", Parse);

    /// <summary>PyTorch's <c>nn.TransformerEncoderLayer</c> layer-norm epsilon.</summary>
    private const double NormEps = 1e-5;

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        int layers = errors.AtLeast("the number of layers", args.Int("layers", 0), 1);
        int heads = errors.AtLeast("the number of heads", args.Int("heads", 0), 1);
        int feedForward = errors.AtLeast("FeedForward", args.Int("FeedForward", 2048), 1);
        double dropout = args.Double("Dropout", 0.1);
        if (!(dropout >= 0 && dropout < 1)) errors.Add($"the dropout probability must be in [0, 1) but is {Literal.Double(dropout)}");
        return errors.Any ? null : new TransformerEncoderLayer(site, layers, heads, feedForward, dropout);
    }

    public override LayerInference Infer(InferContext context) =>
        MultiHeadAttentionLayer.RejectSequence(context, Heads, needsFixedWidth: true)
        ?? context.Ok(this with { Width = context.Input.Last }, context.Input);

    public override string TorchType => "TransformerEncoder";

    public override IEnumerable<Dim> ConstructionDims => new[] { Width! };

    public override string TorchFactory() =>
        $"{Torch.Nn}.TransformerEncoder({Torch.Nn}.TransformerEncoderLayer({TorchSizes.Of(Width!)}, {Literal.Long(Heads)}, " +
        $"{Literal.Long(FeedForward)}, {Literal.Double(Dropout)}), {Literal.Long(Layers)})";

    /// <summary>TorchSharp's encoder is sequence-first: transpose the batch-first input around it.</summary>
    public override string TorchForward(string module, IReadOnlyList<string> inputs) =>
        $"{module}.call({inputs[0]}.transpose(0, 1)).transpose(0, 1)";

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        string x = onnx.Input;
        for (int layer = 0; layer < Layers; layer++)
        {
            string prefix = $"layers.{layer}.";
            string step = $"layers_{layer}_";
            string attended = MultiHeadAttentionLayer.Emit(onnx, x, prefix + "self_attn.", Heads, causal: false, resultStep: step + "attention")!;
            string normalised = Normalise(onnx, onnx.Step(step + "residual1", "Add", new[] { x, attended }), prefix + "norm1.", step + "norm1_", final: false)!;
            string hidden = onnx.Step(step + "relu", "Relu", new[] { Dense(onnx, normalised, prefix + "linear1.", step + "linear1") });
            string fed = onnx.Step(step + "residual2", "Add", new[] { normalised, Dense(onnx, hidden, prefix + "linear2.", step + "linear2") });
            if (Normalise(onnx, fed, prefix + "norm2.", step + "norm2_", final: layer == Layers - 1) is { } output) x = output;
        }
    }

    private static string Dense(OnnxEmitContext onnx, string input, string prefix, string step) =>
        onnx.Step(step, "Add", new[]
        {
            onnx.Step(step + "_matmul", "MatMul", new[] { input, onnx.NamedParameter(prefix + "weight", transpose: true) }),
            onnx.NamedParameter(prefix + "bias"),
        });

    /// <summary>
    /// LayerNorm over the last dim as PyTorch computes it, from ReduceSum (axes an input from opset 13 on) divided by
    /// the width, so one form is valid at every opset and the steps stay visible to the next layer.
    /// Writes the layer's output when <paramref name="final"/>, else returns the step's variable.
    /// </summary>
    private string? Normalise(OnnxEmitContext onnx, string input, string prefix, string step, bool final)
    {
        string lastAxis = onnx.LongsConstant(step + "axes", new[] { -1L });
        string width = onnx.FloatConstant(step + "width", Width!.Constant);
        string Mean(string name, string value) =>
            onnx.Step(step + name, "Div", new[] { onnx.Step(step + name + "_sum", "ReduceSum", new[] { value, lastAxis }), width });
        string centred = onnx.Step(step + "centred", "Sub", new[] { input, Mean("mean", input) });
        string variance = Mean("variance", onnx.Step(step + "square", "Mul", new[] { centred, centred }));
        string deviation = onnx.Step(step + "deviation", "Sqrt", new[] { onnx.Step(step + "shifted", "Add", new[] { variance, onnx.FloatConstant(step + "eps", NormEps) }) });
        string scaled = onnx.Step(step + "scaled", "Mul", new[]
        {
            onnx.Step(step + "normalised", "Div", new[] { centred, deviation }), onnx.NamedParameter(prefix + "weight"),
        });
        var shifted = new[] { scaled, onnx.NamedParameter(prefix + "bias") };
        if (!final) return onnx.Step(step + "output", "Add", shifted);
        onnx.Node("Add", shifted);
        return null;
    }
}
