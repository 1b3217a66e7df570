using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Check;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>One application of a block: the sizes its generated class is built with, in its constructor's order.</summary>
internal sealed record BlockApplication(EquatableArray<Dim> Arguments);

/// <summary>The bias-free shortcut of <c>[Residual(…, Projection = true)]</c>: 1×1 Conv1d/Conv2d with a stride, or Linear (rank 2).</summary>
internal sealed record ShortcutProjection(int Rank, Dim InChannels, Dim OutChannels, long Stride)
{
    public string TorchType => Rank switch { 2 => "global::TorchSharp.Modules.Linear", 3 => "global::TorchSharp.Modules.Conv1d", _ => "global::TorchSharp.Modules.Conv2d" };

    public string TorchFactory() => Rank == 2
        ? $"{Torch.Nn}.Linear({TorchSizes.Of(InChannels)}, {TorchSizes.Of(OutChannels)}, hasBias: false)"
        : $"{Torch.Nn}.Conv{Rank - 2}d({TorchSizes.Of(InChannels)}, {TorchSizes.Of(OutChannels)}, kernel_size: 1"
          + (Stride != 1 ? $", stride: {Literal.Long(Stride)}" : "") + ", bias: false)";
}

/// <summary>
/// A <c>[Model]</c> used as a layer (<c>[Use]</c>, <c>[Residual]</c>), <see cref="Repeat"/> times in a row. Each
/// application binds the block's input symbols from the shape it receives and re-checks the block's layers with
/// that shape, so a mistake inside the block at this use is caught here. The module is the block's generated
/// class (one per application, in a <c>ModuleList</c> when repeated), so its parameters are named
/// <c>res1.conv1.weight</c> or <c>res1.0.conv1.weight</c>; ONNX inlines the block under the same scope.
/// </summary>
internal abstract record BlockLayer(LayerSite Site, ModelSpec Block, int Repeat, EquatableArray<BlockApplication> Applications) : LayerSpec(Site)
{
    /// <summary>Set when a residual block changes its input's shape and <c>Projection = true</c> projects the shortcut.</summary>
    public ShortcutProjection? Projection { get; init; }

    /// <summary>Whether <c>Projection = true</c> was written.</summary>
    protected virtual bool ProjectsShortcut => false;

    /// <summary>Whether the block's input is added to its output (<c>x + block(x)</c>).</summary>
    protected abstract bool AddsInput { get; }

    protected static ModelSpec? ReadBlock(LayerSite site, AttributeArguments args, LayerArgumentErrors errors, out int repeat)
    {
        repeat = args.Int("Repeat", 1);
        if (repeat < 1) errors.Add($"Repeat must be at least 1 but is {repeat}");
        if (args.Block is null) errors.Add("the block must be a [Model] class named with typeof(...)");
        else if (args.Block is { } block && (block.Inputs.Count != 1 || block.Outputs.Count > 1))
            errors.Add($"the block {block.Type.Name} must have one input and one output to be used as a layer");
        return errors.Any ? null : args.Block;
    }

    public override LayerInference Infer(InferContext context)
    {
        if (ShapeChecker.Check(Block).Spec is not { } declared)
            return context.RejectShape($"the input of {Block.Type.Name}", $"fix the errors reported in {Block.Type.Name} first");
        var shape = context.Input;
        var applications = new List<BlockApplication>();
        for (int i = 0; i < Repeat; i++)
        {
            var bindings = Unify(Block.Inputs[0].Shape, shape);
            if (bindings is null)
                return context.RejectShape(Block.Inputs[0].Shape.ToString(), $"{Block.Type.Name} declares its input as {Block.Inputs[0].Shape}");
            var atUse = ShapeChecker.Check(Block with { Inputs = EquatableArray.Of(Block.Inputs[0] with { Shape = shape }) });
            if (atUse.Spec is not { } checkedBlock)
                return context.RejectShape(Block.Inputs[0].Shape.ToString(),
                    $"inside {Block.Type.Name}: {Message(atUse.Diagnostics[0])}");
            var output = checkedBlock.Outputs[0].Shape;
            if (AddsInput && !output.Equals(shape))
            {
                if (!ProjectsShortcut)
                    return context.Fail(DiagnosticDescriptors.MergedShapesDisagree, Site.Describe(),
                        $"its input {shape} and {Block.Type.Name}'s output {output}",
                        $"a residual block must keep the shape it receives: write Projection = true to project the shortcut (1×1 Conv or Linear), change {Block.Type.Name}, or write [Use(typeof({Block.Type.Name}))] for no skip connection");
                if (ProjectionOf(shape, output, out string why) is not { } projection)
                    return context.Fail(DiagnosticDescriptors.MergedShapesDisagree, Site.Describe(),
                        $"its input {shape} and {Block.Type.Name}'s output {output}", why);
                return context.Ok(this with
                {
                    Projection = projection,
                    Applications = EquatableArray.Of(new BlockApplication(declared.ConstructorSymbols
                        .Select(symbol => bindings.TryGetValue(symbol, out var bound) ? bound : Dim.Symbol(symbol)).ToEquatableArray())),
                }, output);
            }
            applications.Add(new BlockApplication(declared.ConstructorSymbols
                .Select(symbol => bindings.TryGetValue(symbol, out var bound) ? bound : Dim.Symbol(symbol)).ToEquatableArray()));
            if (!AddsInput) shape = output;
        }
        return context.Ok(this with { Applications = applications.ToEquatableArray() }, shape);
    }

    /// <summary>The 1×1 shortcut from <paramref name="input"/> to <paramref name="output"/>; null with the reason when none exists.</summary>
    private static ShortcutProjection? ProjectionOf(Shape input, Shape output, out string why)
    {
        why = "";
        if (input.Rank != output.Rank || input.Rank is < 2 or > 4 || !input[0].Equals(output[0]))
        {
            why = "Projection = true needs [B, F], [B, C, L] or [B, C, H, W] in and out with the same batch and rank";
            return null;
        }
        for (long stride = 1; stride <= 64; stride++)
        {
            bool fits = Enumerable.Range(2, input.Rank - 2).All(i => ((input[i] - 1).FloorDiv(stride) + 1).Equals(output[i]));
            if (fits) return new ShortcutProjection(input.Rank, input[1], output[1], stride);
        }
        why = $"Projection = true found no integer stride s with (size - 1) / s + 1 equal to the output's spatial sizes for a 1×1 convolution; make the block's output sizes those of a strided convolution of its input (e.g. Stride = 2 with Padding = Kernel / 2)";
        return null;
    }

    /// <summary>The block's input symbols bound to the received sizes; null when a constant or a repeated symbol disagrees.</summary>
    internal static Dictionary<string, Dim>? Unify(Shape declared, Shape received)
    {
        if (declared.Rank != received.Rank) return null;
        var bindings = new Dictionary<string, Dim>();
        for (int i = 0; i < declared.Rank; i++)
        {
            if (declared[i].IsSymbol && declared[i].Symbols.First() is var symbol && !bindings.ContainsKey(symbol))
                bindings[symbol] = received[i];
            else if (!(declared[i].IsSymbol ? bindings[declared[i].Symbols.First()] : declared[i]).Equals(received[i]))
                return null;
        }
        return bindings;
    }

    private static string Message(DiagnosticInfo diagnostic) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture,
            DiagnosticDescriptors.ById(diagnostic.Id).MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture),
            diagnostic.Arguments.Cast<object>().ToArray());

    private string BlockType => "global::" + Block.Type.FullName;

    public override string TorchType => Projection is { } projection
        ? $"global::SciDsl.Modules.ProjectedResidual<{BlockType}, {projection.TorchType}>"
        : Repeat == 1 ? BlockType : $"global::TorchSharp.Modules.ModuleList<{BlockType}>";

    public override IEnumerable<Dim> ConstructionDims => Applications.SelectMany(a => a.Arguments)
        .Concat(Projection is { } projection ? new[] { projection.InChannels, projection.OutChannels } : Enumerable.Empty<Dim>());

    public override string TorchFactory()
    {
        var blocks = Applications.Select(a => $"new {BlockType}({string.Join(", ", a.Arguments.Select(TorchSizes.Of))})").ToList();
        if (Projection is { } projection) return $"new {TorchType}({blocks[0]}, {projection.TorchFactory()})";
        return Repeat == 1 ? blocks[0] : $"new {TorchType}({string.Join(", ", blocks)})";
    }

    public override string TorchForward(string module, IReadOnlyList<string> inputs)
    {
        if (Projection is not null) return $"{module}.forward({inputs[0]})";
        string Apply(string block, string x) => AddsInput ? $"{x} + {block}.forward({x})" : $"{block}.forward({x})";
        return Repeat == 1
            ? Apply(module, inputs[0])
            : $"global::System.Linq.Enumerable.Aggregate({module}, {inputs[0]}, (value, block) => {Apply("block", "value")})";
    }

    public override void EmitOnnx(OnnxEmitContext onnx)
    {
        if (Projection is { } projection)
        {
            string blockOutput = onnx.Value("block0", $"{onnx.Module}.block.EmitOnnxInto(onnx, {onnx.ScopedName(onnx.Module + ".block.")}, {onnx.Input})");
            string shortcut = projection.Rank == 2
                ? onnx.Step("projection", "MatMul", new[] { onnx.Input, onnx.Parameter("projection.weight", transpose: true) })
                : onnx.Step("projection", "Conv", new[] { onnx.Input, onnx.Parameter("projection.weight") },
                    OnnxEmitContext.Ints("kernel_shape", ConvolutionLayer.Repeat(1, projection.Rank - 2)),
                    OnnxEmitContext.Ints("strides", ConvolutionLayer.Repeat(projection.Stride, projection.Rank - 2)));
            onnx.Node("Add", new[] { shortcut, blockOutput });
            return;
        }
        string value = onnx.Input;
        for (int i = 0; i < Repeat; i++)
        {
            string block = Repeat == 1 ? onnx.Module : $"{onnx.Module}[{Literal.Long(i)}]";
            string scope = onnx.ScopedName(Repeat == 1 ? onnx.Module + "." : $"{onnx.Module}.{Literal.Long(i)}.");
            string output = onnx.Value($"block{i}", $"{block}.EmitOnnxInto(onnx, {scope}, {value})");
            if (AddsInput) output = onnx.Step($"add{i}", "Add", new[] { value, output });
            value = output;
        }
        onnx.Result(value);
    }
}
