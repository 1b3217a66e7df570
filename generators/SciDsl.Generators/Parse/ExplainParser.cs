using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SciDsl.Generators.Check;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Layers;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Parse;

/// <summary>One generated attribution method: <c>[Explain(Attribution.X, …)]</c> with its settings.</summary>
/// <param name="Window">Occlusion's window per sample dimension; empty for the other methods.</param>
internal sealed record ExplainMethod(
    string Attribution, string? Layer, int Steps, double NoiseLevel, int Samples, EquatableArray<long> Window, EquatableArray<long> Stride);

/// <summary>
/// A named layer whose output the generated <c>Activations</c> returns, or whose weights <c>AttentionWeights</c> returns,
/// with the build-time shape of what is returned.
/// </summary>
internal sealed record CapturedLayer(string Name, string Shape);

/// <summary>What a declaration's <c>X.Explain.g.cs</c> is emitted from; no locations.</summary>
/// <param name="Type">The class declaring <c>[Explain]</c>: the model, or an experiment.</param>
/// <param name="ModelType">For an experiment, its model's type (<c>global::</c> name), which the static methods take; null on a model.</param>
/// <param name="Inputs">The model's inputs in declaration order; the methods attribute to the floating-point ones.</param>
internal sealed record ExplainSpec(
    DeclaredType Type, string? ModelType, EquatableArray<TensorSpec> Inputs, EquatableArray<ExplainMethod> Methods,
    EquatableArray<CapturedLayer> Activations, EquatableArray<CapturedLayer> Attention);

/// <summary>
/// Reads a model's <c>[Explain]</c> attributes and checks them against its shapes at each attribute's line: SD2002 (a
/// Layer the model lacks), SD1001 (Grad-CAM on a layer that is not a feature map [B, C, *spatial] of the input's spatial
/// rank, an input or output the method cannot explain), SD2003 (a setting out of range, or one the method does not take).
/// </summary>
internal static class ExplainParser
{
    public const string ExplainAttribute = "SciDsl.ExplainAttribute";

    private static readonly Dictionary<string, string[]> Settings = new()
    {
        ["Saliency"] = new string[0],
        ["InputXGradient"] = new string[0],
        ["SmoothGrad"] = new[] { "NoiseLevel", "Samples" },
        ["IntegratedGradients"] = new[] { "Steps" },
        ["GradCam"] = new[] { "Layer" },
        ["Occlusion"] = new[] { "Window", "Stride" },
        ["FeatureAblation"] = new string[0],
    };

    public static bool Declares(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ExplainAttribute);

    /// <summary>
    /// The <c>[Explain]</c> declarations of a <c>[Model]</c>, or of an <c>[Experiment]</c> (checked against its model); null
    /// when the model itself is invalid, as it reports its own errors.
    /// </summary>
    public static ParseResult<ExplainSpec>? ParseDeclaration(INamedTypeSymbol type, CancellationToken cancellation)
    {
        var attributes = type.GetAttributes();
        bool isModel = attributes.Any(a => a.AttributeClass?.ToDisplayString() == ModelParser.ModelAttribute);
        var modelType = isModel
            ? type
            : attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ExperimentParser.ExperimentAttribute)?.ConstructorArguments
                .FirstOrDefault().Value as INamedTypeSymbol;
        if (modelType is null || !modelType.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ModelParser.ModelAttribute))
        {
            if (isModel || attributes.Any(a => a.AttributeClass?.ToDisplayString() == ExperimentParser.ExperimentAttribute)) return null; // SD3002 reports a model type that is not a [Model]
            var first = attributes.First(a => a.AttributeClass?.ToDisplayString() == ExplainAttribute);
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerArgument, ModelParser.LocationOf(first), Display(first),
                $"[Explain] generates methods on a [Model] or an [Experiment]; {type.Name} is neither, so move it to the model or experiment");
            return new ParseResult<ExplainSpec>(null, new[] { diagnostic }.ToEquatableArray());
        }
        if (ModelParser.Parse(modelType, cancellation) is not { Spec: { } model, Diagnostics.Count: 0 }
            || ShapeChecker.Check(model) is not { Spec: { } shaped, Diagnostics.Count: 0 })
            return null;
        return Parse(type, shaped, isModel ? null : "global::" + shaped.Type.FullName);
    }

    private static ParseResult<ExplainSpec> Parse(INamedTypeSymbol type, ShapedModel model, string? modelType)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var methods = new List<ExplainMethod>();
        foreach (var attribute in type.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == ExplainAttribute))
        {
            if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 1) continue; // the compiler reports it
            var method = Read(attribute, model, methods, diagnostics);
            if (method is not null) methods.Add(method);
        }
        var captured = model.Nodes.Where(n => n.Layer.Site.IsNamedByUser).ToList();
        if (modelType is null && methods.Count > 0)
            ReportClashes(type, model, methods, captured, diagnostics);
        if (methods.Count > 0)
            ReportParameterClashes(type, model, methods, modelType is not null, captured.Count > 0, diagnostics);
        var spec = new ExplainSpec(DeclaredTypeReader.Read(type), modelType, model.Inputs, methods.ToEquatableArray(),
            model.Nodes.Where(n => n.Layer.Site.IsNamedByUser && RunsAsOneTensorModule(n)).Select(Captured).ToEquatableArray(),
            model.Nodes.Where(n => n.Layer.Site.IsNamedByUser && CapturesAttention(n)).Select(AttentionShape).ToEquatableArray());
        return new ParseResult<ExplainSpec>(diagnostics.Count == 0 ? spec : null, diagnostics.ToEquatableArray());
    }

    private static ExplainMethod? Read(AttributeData attribute, ShapedModel model, List<ExplainMethod> declared, List<DiagnosticInfo> diagnostics)
    {
        var location = ModelParser.LocationOf(attribute);
        string display = Display(attribute);
        int before = diagnostics.Count;
        void Invalid(string reason) => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerArgument, location, display, reason));
        void Rejects(string expects, string receives, string from, string fix) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerRejectsShape, location, display, expects, receives, from, fix));

        string method = AttributeArguments.EnumName(attribute.ConstructorArguments[0]);
        if (!Settings.TryGetValue(method, out var takes))
        {
            Invalid($"{method} is not an Attribution; use one of {string.Join(", ", Settings.Keys.Select(k => "Attribution." + k))}");
            return null;
        }
        var arguments = AttributeArguments.From(attribute);
        foreach (var setting in attribute.NamedArguments.Select(a => a.Key).Where(k => !takes.Contains(k)))
            Invalid(setting == "Layer"
                ? $"Layer applies to Attribution.GradCam only; Attribution.{method} attributes the output to the model's input, so remove Layer"
                : $"{setting} does not apply to Attribution.{method}; remove it");
        string? layer = arguments.String("Layer");
        if (declared.Any(d => d.Attribution == method))
            Invalid(method == "GradCam" && !string.IsNullOrEmpty(layer)
                ? $"Attribution.GradCam is declared twice; the generated GradCam maps one layer, so remove one and map '{layer}' with SciDsl.Interpretability.GradCam.Compute(model, x, target, \"{layer}\")"
                : $"Attribution.{method} is declared twice; each method is generated once, so remove one");

        if (model.Outputs.Count != 1 || model.Outputs[0].Shape.Rank != 2)
            Rejects("one output of scores [B, C]", string.Join(", ", model.Outputs.Select(o => o.Shape.ToString())), $"the outputs of {model.Type.Name}",
                "an attribution explains one score column; add a head that ends in [B, C]");
        var attributed = model.Inputs.Where(IsAttributed).ToList();
        if (attributed.Count == 0)
            Rejects("a floating-point input", string.Join(", ", model.Inputs.Select(i => i.ToString())),
                model.Inputs.Count == 1 ? $"input '{model.Inputs[0].Name}'" : $"the inputs of {model.Type.Name}",
                "gradients and perturbations need real-valued inputs (integer inputs are held fixed); explain a model that takes the embedded values instead of the ids");

        int steps = arguments.Int("Steps", 64), samples = arguments.Int("Samples", 32);
        double noise = arguments.Double("NoiseLevel", 0.15);
        // A setting the method does not take is reported above as not applying, not range-checked as well.
        if (takes.Contains("Steps") && steps <= 0) Invalid($"Steps = {Literal.Long(steps)} must be at least 1, e.g. Steps = 64");
        if (takes.Contains("Samples") && samples <= 0) Invalid($"Samples = {Literal.Long(samples)} must be at least 1, e.g. Samples = 32");
        if (takes.Contains("NoiseLevel") && !(noise >= 0 && noise <= double.MaxValue)) Invalid($"NoiseLevel = {Literal.Double(noise)} must be a finite fraction of the input range >= 0, e.g. NoiseLevel = 0.15");

        if (method == "GradCam") CheckGradCamLayer(layer, model, display, location, diagnostics, Invalid, Rejects);
        if (method == "FeatureAblation")
            foreach (var input in attributed.Where(i => i.Shape.Rank != 2))
                Rejects("a tabular input [B, F]", input.Shape.ToString(), $"input '{input.Name}'", "feature ablation sets one feature at a time; use Attribution.Occlusion for images and sequences");

        var window = Sizes(arguments, "Window");
        var stride = Sizes(arguments, "Stride");
        if (method == "Occlusion" && attributed.Count > 0) CheckOcclusion(attributed, window, stride, Invalid);
        return diagnostics.Count > before ? null : new ExplainMethod(method, layer, steps, noise, samples, window, stride.Count > 0 ? stride : window);
    }

    /// <summary>One window slides over every floating-point input in turn, so it must fit each of them.</summary>
    private static void CheckOcclusion(List<TensorSpec> attributed, EquatableArray<long> window, EquatableArray<long> stride, System.Action<string> invalid)
    {
        string Sample(TensorSpec input) =>
            "[" + string.Join(", ", input.Shape.Dims.Skip(1)) + "]" + (attributed.Count == 1 ? "" : $" of input '{input.Name}'");
        if (window.Count == 0)
        {
            invalid($"Attribution.Occlusion needs Window, one size per dimension of a sample {Sample(attributed[0])}, e.g. Window = new[] {{ {string.Join(", ", Enumerable.Repeat("2", attributed[0].Shape.Rank - 1))} }}");
            return;
        }
        foreach (var input in attributed)
        {
            int sampleRank = input.Shape.Rank - 1;
            foreach (var (name, sizes) in new[] { ("Window", window), ("Stride", stride) }.Where(s => s.Item2.Count > 0))
            {
                if (sizes.Count != sampleRank || sizes.Any(s => s <= 0))
                    invalid($"{name} = {{ {string.Join(", ", sizes)} }} must give {sampleRank} positive sizes, one per dimension of a sample {Sample(input)}");
                else if (Enumerable.Range(0, sampleRank).Any(d => input.Shape[d + 1].IsConstant && sizes[d] > input.Shape[d + 1].Constant))
                    invalid($"{name} = {{ {string.Join(", ", sizes)} }} is larger than a sample {Sample(input)}");
            }
        }
    }

    private static void CheckGradCamLayer(string? layer, ShapedModel model, string display, LocationInfo? location, List<DiagnosticInfo> diagnostics,
        System.Action<string> invalid, System.Action<string, string, string, string> rejects)
    {
        var layers = model.Nodes.Where(n => n.Layer.TorchType is not null).ToList();
        // The map is upsampled to the first floating-point input of the feature map's spatial rank, as the runtime does.
        var attributed = model.Inputs.Where(IsAttributed).ToList();
        if (layer is null || layer.Length == 0)
        {
            var featureMaps = layers.Where(n => IsFeatureMapRank(n.Output.Rank) && attributed.Any(i => i.Shape.Rank == n.Output.Rank) && RunsAsOneTensorModule(n))
                .Select(n => n.Name).ToList();
            invalid("Attribution.GradCam needs Layer = \"name\", the convolutional layer whose feature maps it weighs; " + (featureMaps.Count > 0
                ? $"layers with feature maps [B, C, *spatial] of the input's spatial rank: {string.Join(", ", featureMaps)}"
                : $"{model.Type.Name} has no layer with feature maps [B, C, *spatial] of the input's spatial rank"));
            return;
        }
        var node = model.Nodes.FirstOrDefault(n => n.Name == layer);
        if (node is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownName, location, display, layer, $"a layer of {model.Type.Name}",
                ShapeChecker.KnownNames(layer, layers.Select(n => n.Name))));
            return;
        }
        const string rule = "Grad-CAM weighs the channels of a convolutional feature map [B, C, *spatial] whose spatial rank matches the input's and upsamples it to the input's spatial size";
        if (!IsFeatureMapRank(node.Output.Rank))
        {
            rejects("a convolutional feature map [B, C, *spatial] with 1 to 3 spatial dims", node.Output.ToString(), $"layer '{layer}' ({node.Layer.Site.Display})",
                rule + "; name a Conv1d, Conv2d or Conv3d layer, or a layer after one that keeps its shape");
            return;
        }
        if (!RunsAsOneTensorModule(node))
            invalid($"Layer '{layer}' is {node.Layer.Site.Display}, which runs no module of its own whose output can be captured; name the convolution before it");
        if (attributed.Count > 0 && !attributed.Any(i => i.Shape.Rank == node.Output.Rank))
            rejects($"an input {SpatialShape(node.Output.Rank)} with the {node.Output.Rank - 2} spatial dim{(node.Output.Rank == 3 ? "" : "s")} of layer '{layer}' {node.Output}",
                string.Join(", ", attributed.Select(i => i.Shape.ToString())),
                attributed.Count == 1 ? $"input '{attributed[0].Name}'" : $"the floating-point inputs of {model.Type.Name}",
                rule + "; name a layer whose spatial rank matches the input's");
    }

    /// <summary>[B, C, L], [B, C, H, W] or [B, C, D, H, W]: a convolutional feature map with 1 to 3 spatial dims.</summary>
    private static bool IsFeatureMapRank(int rank) => rank is >= 3 and <= 5;

    private static string SpatialShape(int rank) => rank switch { 3 => "[B, C, L]", 4 => "[B, C, H, W]", _ => "[B, C, D, H, W]" };

    /// <summary>A floating-point input, which the methods attribute to; integer inputs (ids) are held fixed.</summary>
    internal static bool IsAttributed(TensorSpec input) => input.ElementType is TensorSpec.Float32 or "float64";

    /// <summary>
    /// A layer whose forward is the default <c>module.call(x)</c>: one tensor in, one out, through TorchSharp's hooks, so the
    /// runtime can capture its output (merges, reshapes, attention and blocks run otherwise).
    /// </summary>
    private static bool RunsAsOneTensorModule(ShapedNode node) =>
        node.Layer.TorchType is not null && node.Inputs.Count == 1
        && node.Layer.TorchForward(node.Name, node.Inputs) == $"{node.Name}.call({node.Inputs[0]})";

    /// <summary>On a model the generated methods are its members, so an input or layer of the same name would not compile (SD2011).</summary>
    private static void ReportClashes(INamedTypeSymbol type, ShapedModel model, List<ExplainMethod> methods, List<ShapedNode> named, List<DiagnosticInfo> diagnostics)
    {
        var generated = methods.Select(m => m.Attribution).ToList();
        if (named.Any(RunsAsOneTensorModule)) generated.AddRange(new[] { "Activations", "NamedActivations" });
        if (named.Any(CapturesAttention)) generated.AddRange(new[] { "AttentionWeights", "NamedAttentionWeights" });
        if (model.Inputs.Count > 1) generated.Add("NamedAttributions");
        foreach (var name in model.Inputs.Select(i => i.Name).Concat(model.Nodes.Select(n => n.Name)).Where(generated.Contains))
        {
            var attribute = type.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == ExplainAttribute);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameClash, ModelParser.LocationOf(attribute), $"the name '{name}' of {model.Type.Name}",
                $"[Explain] generates a member {name}", "rename the input or layer"));
        }
    }

    /// <summary>The generated methods take every input beside their own parameters and locals, so an input may not share their names (SD2011).</summary>
    private static void ReportParameterClashes(
        INamedTypeSymbol type, ShapedModel model, List<ExplainMethod> methods, bool onExperiment, bool captures, List<DiagnosticInfo> diagnostics)
    {
        bool single = model.Inputs.Count == 1;
        var reserved = new HashSet<string> { "target" };
        if (onExperiment) reserved.Add("model");
        if (captures) reserved.Add("captured");
        if (!single && methods.Any(m => m.Attribution is not ("GradCam" or "IntegratedGradients"))) reserved.Add("byName");
        foreach (var method in methods)
            reserved.UnionWith(method.Attribution switch
            {
                "SmoothGrad" => new[] { "noiseLevel", "samples", "seed", "chunkSize" },
                "IntegratedGradients" when single => new[] { "steps", "baseline", "rule", "chunkSize" },
                "IntegratedGradients" => new[] { "steps", "rule", "chunkSize", "baselines", "result" }
                    .Concat(model.Inputs.Where(IsAttributed).Select(i => i.Name + "Baseline")),
                "Occlusion" or "FeatureAblation" => new[] { "baselineValue", "chunkSize" },
                _ => new string[0],
            });
        var attribute = type.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == ExplainAttribute);
        foreach (var input in model.Inputs.Where(i => reserved.Contains(i.Name)))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameClash, ModelParser.LocationOf(attribute), $"the input name '{input.Name}' of {model.Type.Name}",
                $"the methods [Explain] generates take the inputs beside a parameter or local variable {input.Name}", "rename the input"));
    }

    private static string Display(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax syntax ? syntax.ToString() : "[Explain]";

    private static CapturedLayer Captured(ShapedNode node) => new(node.Name, node.Output.ToString());

    /// <summary>A layer whose attention weights <c>AttentionWeights.Capture</c> returns.</summary>
    private static bool CapturesAttention(ShapedNode node) => node.Layer is MultiHeadAttentionLayer or TransformerEncoderLayer;

    /// <summary>
    /// The captured weights' shape: [B, Tq, Tk] for attention (keys from the second input under cross-attention),
    /// [layers, B, T, T] for an encoder.
    /// </summary>
    private static CapturedLayer AttentionShape(ShapedNode node)
    {
        var output = node.Output;
        var weights = node.Layer is TransformerEncoderLayer encoder
            ? new Shape(EquatableArray.Of(Dim.Of(encoder.Layers), output[0], output[1], output[1]))
            : new Shape(EquatableArray.Of(output[0], output[1], node.InputShapes[node.InputShapes.Count - 1][1]));
        return new CapturedLayer(node.Name, weights.ToString());
    }

    private static EquatableArray<long> Sizes(AttributeArguments arguments, string name) =>
        (arguments.String(name) ?? "").Split(',').Where(s => s.Length > 0).Select(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToEquatableArray();
}
