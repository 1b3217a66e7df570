using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// <c>MultiHeadAttention(heads, Causal, KeyValue)</c>: self-attention over <c>[B, T, D]</c> → <c>[B, T, D]</c>; the
/// width D (inferred) splits into <c>heads</c> heads, which must divide it. <c>Causal</c> lets a position attend only
/// to itself and earlier positions. <c>KeyValue = "memory"</c> makes it cross-attention: the queries come from the
/// input <c>[B, Tq, D]</c>, the keys and values from the named node <c>[B, Tk, D]</c>, and the output is <c>[B, Tq, D]</c>.
/// </summary>
internal sealed record MultiHeadAttentionLayer(LayerSite Site, int Heads, bool Causal, NamedInput? KeyValue, Dim? Width = null) : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("MultiHeadAttention", Parse);

    private const string KeyValueArgument = "KeyValue";

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        int heads = errors.AtLeast("the number of heads", args.Int("heads", 0), 1);
        bool causal = args.Bool("Causal", false);
        var keyValue = args.Has(KeyValueArgument) ? NamedInput.Required(args, KeyValueArgument, "memory", errors) : null;
        // A causal mask compares query and key positions of one sequence; across two sequences it has no meaning.
        if (causal && keyValue is not null)
            errors.Add($"Causal does not apply with {KeyValueArgument}: cross-attention lets every query see every key; remove Causal = true");
        return errors.Any ? null : new MultiHeadAttentionLayer(site, heads, causal, keyValue);
    }

    public override EquatableArray<NamedInput> NamedInputs => KeyValue is null ? EquatableArray<NamedInput>.Empty : EquatableArray.Of(KeyValue);

    public override LayerInference Infer(InferContext context) =>
        RejectSequence(context, Heads)
        ?? (KeyValue is null ? null : RejectKeyValue(context, KeyValueArgument))
        ?? context.Ok(this with { Width = context.Input.Last }, context.Input);

    /// <summary>
    /// SD1002 unless the keys and values named by <paramref name="argument"/> are <c>[B, Tk, D]</c> for the queries'
    /// batch B and width D.
    /// </summary>
    internal static LayerInference? RejectKeyValue(InferContext context, string argument)
    {
        var query = context.Input;
        var keyValue = context.Named(argument);
        string? why = keyValue.Rank != 3 ? $"the keys and values have rank {keyValue.Rank}"
            : !keyValue[0].Equals(query[0]) ? $"the batch differs ({query[0]} vs {keyValue[0]})"
            : !keyValue.Last.Equals(query.Last) ? $"the width differs ({query.Last} vs {keyValue.Last})"
            : null;
        return why is null ? null : context.Fail(DiagnosticDescriptors.MergedShapesDisagree, context.Site.Display,
            $"queries {query} from {context.Source} and keys/values {keyValue} from {context.NamedSource(argument)}",
            $"{why}; the keys and values must be [{query[0]}, Tk, {query.Last}]: project them to the width first, e.g. [Linear({query.Last})]");
    }

    /// <summary>
    /// SD1001 unless the input is <c>[B, T, width]</c> with a width the heads can be checked to divide; SD2003 when
    /// they do not divide it. Null when attention over the input is well formed.
    /// </summary>
    internal static LayerInference? RejectSequence(InferContext context, int heads, bool needsFixedWidth = false)
    {
        var input = context.Input;
        if (input.Rank != 3)
            return context.RejectShape("[B, T, width]",
                input.Rank == 2
                    ? "give it a sequence dim, e.g. [Reshape(\"T, width\")] before it, or an Embedding over tokens"
                    : "bring it to [B, T, width] first, e.g. [Permute(…)] then [Reshape(…)], or [Flatten] the positions into T");
        var width = input.Last;
        if (needsFixedWidth && !width.IsConstant)
            return context.RejectShape($"[B, T, width] with a fixed width that {heads} heads divide", "declare the width as a number");
        // A symbolic width splits into heads when it is provably a multiple of them, e.g. 4*D for 4 heads.
        if (!width.IsConstant && !width.IsMultipleOf(heads))
            return context.RejectShape($"[B, T, width] with a width that {heads} heads provably divide",
                $"declare the width as a number or a multiple of the heads (e.g. {heads}*D), or use MultiHeadAttention(1)");
        if (width.IsConstant && width.Constant % heads != 0)
            return context.Fail(DiagnosticDescriptors.InvalidLayerArgument, context.Site.Display,
                $"{heads} heads do not divide the width {width.Constant} of {input} from {context.Source}; " +
                $"use a head count that divides {width.Constant} ({string.Join(", ", Divisors.Of(width.Constant))})");
        return null;
    }

    public override string TorchType => "MultiheadAttention";

    public override IEnumerable<Dim> ConstructionDims => new[] { Width! };

    public override string TorchFactory() => $"{Torch.Nn}.MultiheadAttention({TorchSizes.Of(Width!)}, {Literal.Long(Heads)})";

    /// <summary>TorchSharp's attention is sequence-first; the runtime helper transposes around it.</summary>
    public override string TorchForward(string module, IReadOnlyList<string> inputs) => KeyValue is null
        ? $"global::SciDsl.Models.SelfAttention.Forward({module}, {inputs[0]}, causal: {Literal.Bool(Causal)})"
        : $"global::SciDsl.Models.SelfAttention.Forward({module}, {inputs[0]}, keyValue: {inputs[1]})";

    public override void EmitOnnx(OnnxEmitContext onnx) =>
        Emit(onnx, onnx.Input, KeyValue is null ? onnx.Input : onnx.Inputs[1], "", Heads, Causal, resultStep: null);

    /// <summary>
    /// Attention of <paramref name="input"/> <c>[B, Tq, D]</c> over <paramref name="keyValue"/> <c>[B, Tk, D]</c> (the
    /// same variable for self-attention) with the parameters of the attention module at <paramref name="prefix"/>
    /// (<c>""</c>, or <c>layers.0.self_attn.</c> inside an encoder). Standard ops only: the packed projection, a split
    /// into heads, scaled scores, the causal mask from the runtime length, softmax, the heads merged and projected out.
    /// The result is the layer's output when <paramref name="resultStep"/> is null, else a step of that name whose
    /// variable is returned.
    /// </summary>
    internal static string? Emit(OnnxEmitContext onnx, string input, string keyValue, string prefix, int heads, bool causal, string? resultStep)
    {
        string step = prefix.Replace('.', '_');
        // source [B, T, D] through the packed projection, [B, T, 3D] → [3, B, heads, T, D/heads]: query, key and
        // value, each split into heads. Cross-attention projects both sources this way and keeps the thirds it needs.
        string SplitHeads(string source, string name)
        {
            string packed = onnx.Step(step + name, "Add", new[]
            {
                onnx.Step(step + name + "_matmul", "MatMul", new[] { source, onnx.NamedParameter(prefix + "in_proj_weight", transpose: true) }),
                onnx.NamedParameter(prefix + "in_proj_bias"),
            });
            return onnx.Step(step + name + "_heads_t", "Transpose", new[]
                {
                    onnx.Step(step + name + "_heads", "Reshape", new[] { packed, onnx.LongsConstant(step + name + "_shape", new[] { 0L, 0L, 3L, heads, -1L }) }),
                },
                OnnxEmitContext.Ints("perm", new[] { 2L, 0L, 3L, 1L, 4L }));
        }
        string queries = SplitHeads(input, "qkv");
        string keysValues = keyValue == input ? queries : SplitHeads(keyValue, "kv");
        string Pick(string split, string name, long index) =>
            onnx.Step(step + name, "Gather", new[] { split, onnx.ScalarLongConstant(step + name + "_index", index) }, OnnxEmitContext.Int("axis", 0));
        string query = Pick(queries, "query", 0), key = Pick(keysValues, "key", 1), value = Pick(keysValues, "value", 2);
        string scaledQuery = onnx.Step(step + "query_scaled", "Div", new[] { query, onnx.Step(step + "scale", "Sqrt", new[] { HeadWidth(onnx, step, query) }) });
        string scores = onnx.Step(step + "scores", "MatMul", new[]
        {
            scaledQuery, onnx.Step(step + "key_t", "Transpose", new[] { key }, OnnxEmitContext.Ints("perm", new[] { 0L, 1L, 3L, 2L })),
        });
        if (causal) scores = CausalMask(onnx, step, input, scores);
        string weights = onnx.Step(step + "weights", "Softmax", new[] { scores }, OnnxEmitContext.Int("axis", -1));
        string attended = onnx.Step(step + "attended", "MatMul", new[] { weights, value });
        // [B, heads, T, D/heads] → [B, T, D].
        string merged = onnx.Step(step + "merged", "Reshape", new[]
        {
            onnx.Step(step + "attended_t", "Transpose", new[] { attended }, OnnxEmitContext.Ints("perm", new[] { 0L, 2L, 1L, 3L })),
            onnx.LongsConstant(step + "merged_shape", new[] { 0L, 0L, -1L }),
        });
        string projected = onnx.Step(step + "out_matmul", "MatMul", new[] { merged, onnx.NamedParameter(prefix + "out_proj.weight", transpose: true) });
        var biased = new[] { projected, onnx.NamedParameter(prefix + "out_proj.bias") };
        if (resultStep is not null) return onnx.Step(resultStep, "Add", biased);
        onnx.Node("Add", biased);
        return null;
    }

    /// <summary>The head width as a float scalar, read from the query's shape so no size is baked in.</summary>
    private static string HeadWidth(OnnxEmitContext onnx, string step, string query) =>
        onnx.Step(step + "head_width", "Cast", new[]
        {
            onnx.Step(step + "head_width_long", "Squeeze", new[]
            {
                onnx.Step(step + "head_width_dim", "Gather", new[] { onnx.Step(step + "query_shape", "Shape", new[] { query }), onnx.LongsConstant(step + "last", new[] { 3L }) }),
            }),
        }, OnnxEmitContext.Int("to", 1));

    /// <summary>
    /// Scores above the diagonal (key position after query position) become −∞, for the runtime length T: positions
    /// from Range over T, compared as a column against a row, so one exported file serves every sequence length.
    /// </summary>
    private static string CausalMask(OnnxEmitContext onnx, string step, string input, string scores)
    {
        string length = onnx.Step(step + "length", "Squeeze", new[]
        {
            onnx.Step(step + "length_dim", "Gather", new[] { onnx.Step(step + "input_shape", "Shape", new[] { input }), onnx.LongsConstant(step + "time_axis", new[] { 1L }) }),
        });
        string positions = onnx.Step(step + "positions", "Range", new[]
        {
            onnx.ScalarLongConstant(step + "first_position", 0), length, onnx.ScalarLongConstant(step + "position_step", 1),
        });
        string queries = onnx.Step(step + "query_positions", "Reshape", new[] { positions, onnx.LongsConstant(step + "column", new[] { -1L, 1L }) });
        string keys = onnx.Step(step + "key_positions", "Reshape", new[] { positions, onnx.LongsConstant(step + "row", new[] { 1L, -1L }) });
        string future = onnx.Step(step + "future", "Greater", new[] { keys, queries });
        return onnx.Step(step + "scores_causal", "Where", new[] { future, onnx.NegativeInfinity(step + "masked"), scores });
    }
}
