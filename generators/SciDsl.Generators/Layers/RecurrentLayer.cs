using System.Collections.Generic;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>The arguments shared by <c>LSTM</c>, <c>GRU</c> and <c>RNN</c>.</summary>
internal sealed record RecurrentArguments(long Hidden, int Layers, bool Bidirectional, bool ReturnSequences)
{
    public int Directions => Bidirectional ? 2 : 1;

    public static RecurrentArguments? Parse(AttributeArguments args, LayerArgumentErrors errors)
    {
        long hidden = args.Long("hidden", 0);
        if (hidden < 1) errors.Add($"the hidden size must be at least 1 but is {hidden}");
        var parsed = new RecurrentArguments(hidden, errors.AtLeast("Layers", args.Int("Layers", 1), 1),
            args.Bool("Bidirectional", false), args.Bool("ReturnSequences", false));
        return errors.Any ? null : parsed;
    }
}

/// <summary>
/// A batch-first recurrent layer over <c>[B, T, F]</c>: <c>[B, T, H·dirs]</c> with ReturnSequences, else the
/// last layer's final hidden state <c>[B, H·dirs]</c> (forward direction's last step, then the backward
/// direction's step at t = 0). Exported as the ONNX operator of the same name, one per stacked layer,
/// with the weights repacked into ONNX gate order.
/// </summary>
internal abstract record RecurrentLayer(LayerSite Site, RecurrentArguments Args, Dim? Features) : LayerSpec(Site)
{
    /// <summary>The member of <c>OnnxRecurrentWeights</c> giving the PyTorch → ONNX gate block order.</summary>
    protected abstract string GateOrder { get; }

    /// <summary>Operator attributes besides direction and hidden_size.</summary>
    protected virtual string[] OnnxAttributes => System.Array.Empty<string>();

    protected abstract RecurrentLayer WithFeatures(Dim features);

    public override LayerInference Infer(InferContext context)
    {
        var input = context.Input;
        if (context.InputElementType != TensorSpec.Float32)
            return context.Fail(DiagnosticDescriptors.LayerRejectsShape, Site.Display, "float32 [B, T, features]",
                $"{context.InputElementType}{input}", context.Source, "token ids need an [Embedding(vocab, dim)] before it");
        if (input.Rank == 2)
            return context.RejectShape("a batch-first sequence [B, T, features]",
                "it has no time axis: reshape it to [B, T, features], e.g. [Reshape(\"B,T,1\")] for one feature per step");
        if (input.Rank != 3)
            return context.RejectShape("a batch-first sequence [B, T, features]",
                input.Rank == 4
                    ? "an image has no time axis: make one, e.g. [Flatten(StartDim = 2)] to [B, C, H*W], then [Permute(0, 2, 1)] to [B, H*W, C] (rows or pixels as steps)"
                    : "reshape it to [B, T, features] first");
        Dim width = Dim.Of(Args.Hidden * Args.Directions);
        var output = Args.ReturnSequences ? input.With(2, width) : Shape.Of(input[0], width);
        return context.Ok(WithFeatures(input.Last), output);
    }

    public override IEnumerable<Dim> ConstructionDims => new[] { Features! };

    /// <summary>The factory's arguments after the input size and hidden size.</summary>
    protected string FactoryOptions =>
        (Args.Layers != 1 ? $", numLayers: {Args.Layers}" : "") + ", batchFirst: true" + (Args.Bidirectional ? ", bidirectional: true" : "");

    protected string Sizes => $"{TorchSizes.Of(Features!)}, {Literal.Long(Args.Hidden)}";

    /// <summary>
    /// The modules return (output, h_n) or (output, h_n, c_n): every step's output, or from h_n
    /// (<c>[layers·dirs, B, H]</c>) the last layer's directions side by side.
    /// </summary>
    public override string TorchForward(string module, IReadOnlyList<string> inputs) =>
        Args.ReturnSequences
            ? $"{module}.forward({inputs[0]}, null).Item1"
            : $"{module}.forward({inputs[0]}, null).Item2.narrow(0, {(Args.Layers - 1) * Args.Directions}, {Args.Directions}).transpose(0, 1).flatten(1)";

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        string direction = OnnxEmitContext.StringAttribute("direction", Args.Bidirectional ? "bidirectional" : "forward");
        string hidden = OnnxEmitContext.Int("hidden_size", Args.Hidden);
        var attributes = new List<string> { direction, hidden };
        attributes.AddRange(OnnxAttributes);
        // The operators read [T, B, F] and write Y [T, dirs, B, H] and Y_h [dirs, B, H].
        string steps = onnx.Step("time_major", "Transpose", new[] { onnx.Input }, OnnxEmitContext.Ints("perm", new[] { 1L, 0, 2 }));
        string outputs = "";
        for (int layer = 0; layer < Args.Layers; layer++)
        {
            if (layer > 0)
            {
                string joined = onnx.Step($"l{layer - 1}_steps", "Transpose", new[] { $"{outputs}[0]" }, OnnxEmitContext.Ints("perm", new[] { 0L, 2, 1, 3 }));
                steps = onnx.Step($"l{layer - 1}_joined", "Reshape", new[] { joined, onnx.LongsConstant($"l{layer - 1}_width", new[] { 0L, 0, -1 }) });
            }
            string weights = $"{onnx.Module}, {layer}, {Args.Directions}, {Weights}.{GateOrder}";
            outputs = onnx.Steps($"l{layer}", OnnxType, new[]
            {
                steps,
                onnx.ComputedParameter($"W_l{layer}", $"{Weights}.InputWeights({weights})"),
                onnx.ComputedParameter($"R_l{layer}", $"{Weights}.RecurrentWeights({weights})"),
                onnx.ComputedParameter($"B_l{layer}", $"{Weights}.Biases({weights})"),
            }, 2, attributes.ToArray());
        }
        if (Args.ReturnSequences)
        {
            string batchFirst = onnx.Step("batch_first", "Transpose", new[] { $"{outputs}[0]" }, OnnxEmitContext.Ints("perm", new[] { 2L, 0, 1, 3 }));
            onnx.Node("Reshape", new[] { batchFirst, onnx.LongsConstant("width", new[] { 0L, 0, -1 }) });
        }
        else
        {
            string batchFirst = onnx.Step("batch_first", "Transpose", new[] { $"{outputs}[1]" }, OnnxEmitContext.Ints("perm", new[] { 1L, 0, 2 }));
            onnx.Node("Reshape", new[] { batchFirst, onnx.LongsConstant("width", new[] { 0L, -1 }) });
        }
    }

    private const string Weights = "global::SciDsl.Onnx.OnnxRecurrentWeights";

    /// <summary>The ONNX operator: LSTM, GRU or RNN, named as the TorchSharp module.</summary>
    private string OnnxType => TorchType!;
}
