using System.Linq;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Emit;

/// <summary>
/// Emits <c>X.Explain.g.cs</c>: one typed method per <c>[Explain]</c> attribution, calling
/// <c>SciDsl.Interpretability</c> with the declared settings, and the named layers' activations and attention weights.
/// On a model they are instance methods; on an experiment, static methods taking its model first. A model with several
/// inputs gets methods taking every input, returning a <c>NamedAttributions</c> record with one tensor per
/// floating-point input.
/// </summary>
internal static class ExplainEmitter
{
    private const string Interpretability = "global::SciDsl.Interpretability";
    private const string Record = "NamedAttributions";

    public static string Emit(ExplainSpec spec) =>
        TypeScope.Write(spec.Type, null, new string[0], writer =>
        {
            bool single = spec.Inputs.Count == 1;
            var attributed = spec.Inputs.Where(ExplainParser.IsAttributed).ToList();
            string x = single ? spec.Inputs[0].Name : "input";
            string self = spec.ModelType is null ? "this" : "model";
            bool isStatic = spec.ModelType is not null;
            string modelParameter = spec.ModelType is null ? "" : $"{spec.ModelType} model, ";
            string tensors = string.Join(", ", spec.Inputs.Select(i => $"{Torch.Tensor} {i.Name}"));
            string input = $"{modelParameter}{tensors}, long target";
            // What a summary explains: "x [B, 1, 8, 8]", or "each input (x [B, N, F], adj [B, N, N])".
            string of = single ? $"{x} {spec.Inputs[0].Shape}" : $"each {(attributed.Count == spec.Inputs.Count ? "" : "floating-point ")}input ({string.Join(", ", attributed.Select(i => $"{i.Name} {i.Shape}"))})";
            string inputs = single ? x : $"new {Interpretability}.ModelInputs({string.Join(", ", spec.Inputs.Select(i => $"({Literal.String(i.Name)}, {i.Name})"))})";

            void Attribution(string summary, string signature, string call)
            {
                if (single)
                    Method(writer, isStatic, summary, Torch.Tensor, signature, call);
                else
                    MethodOfInputs(writer, isStatic, summary, Record, signature, $"var byName = {Interpretability}.{call};", "return " + New("byName") + ";");
            }

            foreach (var method in spec.Methods)
            {
                switch (method.Attribution)
                {
                    case "Saliency":
                        Attribution($"Saliency |∂y_target/∂{x}| of {of}; one forward/backward pass.",
                            $"Saliency({input})", $"Saliency.Compute({self}, {inputs}, target)");
                        break;
                    case "InputXGradient":
                        Attribution($"Input × Gradient, {x} ⊙ ∂y_target/∂{x}, of {of}.",
                            $"InputXGradient({input})", $"InputXGradient.Compute({self}, {inputs}, target)");
                        break;
                    case "SmoothGrad":
                        Attribution($"SmoothGrad of {of}: the gradient averaged over <paramref name=\"samples\"/> noisy copies; the same seed gives the same noise.",
                            $"SmoothGrad({input}, double noiseLevel = {Literal.Double(method.NoiseLevel)}, int samples = {Literal.Long(method.Samples)}, long seed = 0, int chunkSize = 256)",
                            $"SmoothGrad.Compute({self}, {inputs}, target, noiseLevel, samples, seed, chunkSize)");
                        break;
                    case "IntegratedGradients":
                        string rule = $"{Interpretability}.IntegrationRule rule = {Interpretability}.IntegrationRule.RiemannMidpoint, int chunkSize = 256";
                        if (single)
                            Method(writer, isStatic, $"Integrated Gradients of {of} from <paramref name=\"baseline\"/> (zeros when null): attributions of {x}'s shape and the convergence delta per sample.",
                                $"{Interpretability}.IntegratedGradientsResult",
                                $"IntegratedGradients({input}, int steps = {Literal.Long(method.Steps)}, {Torch.Tensor}? baseline = null, {rule})",
                                $"IntegratedGradients.Compute({self}, {x}, target, baseline, steps, rule, chunkSize)");
                        else
                            MethodOfInputs(writer, isStatic,
                                $"Integrated Gradients of {of}, each from its baseline (zeros when null): attributions of each input's shape and the convergence delta per sample, summed over the inputs.",
                                $"{Interpretability}.IntegratedGradientsResult<{Record}>",
                                $"IntegratedGradients({input}, int steps = {Literal.Long(method.Steps)}, {string.Join(", ", attributed.Select(i => $"{Torch.Tensor}? {i.Name}Baseline = null"))}, {rule})",
                                attributed.Select(i => $"if ({i.Name}Baseline is not null) baselines.Add({Literal.String(i.Name)}, {i.Name}Baseline);")
                                    .Prepend($"var baselines = new global::System.Collections.Generic.Dictionary<string, {Torch.Tensor}>();")
                                    .Append($"var result = {Interpretability}.IntegratedGradients.Compute({self}, {inputs}, target, baselines, steps, rule, chunkSize);")
                                    .Append($"return new({New("result.Attributions")}, result.Delta);")
                                    .ToArray());
                        break;
                    case "GradCam":
                        Method(writer, isStatic, $"Grad-CAM on layer {method.Layer}: one map {MapShape(attributed, single)} per sample of {(single ? of : MappedInput(attributed))}, upsampled from the layer's feature maps.",
                            Torch.Tensor, $"GradCam({input})", $"GradCam.Compute({self}, {inputs}, target, {Literal.String(method.Layer!)})");
                        break;
                    case "Occlusion":
                        Attribution($"Occlusion of {of}: the target score's drop when a window {Sizes(method.Window)} (stride {Sizes(method.Stride)}) is set to <paramref name=\"baselineValue\"/>.",
                            $"Occlusion({input}, double baselineValue = 0, int chunkSize = 256)",
                            $"Occlusion.Compute({self}, {inputs}, target, new long[] {Sizes(method.Window)}, new long[] {Sizes(method.Stride)}, baselineValue, chunkSize)");
                        break;
                    case "FeatureAblation":
                        Attribution($"Feature ablation of {of}: the target score's drop when each feature is set to <paramref name=\"baselineValue\"/>.",
                            $"FeatureAblation({input}, double baselineValue = 0, int chunkSize = 256)", $"FeatureAblation.Compute({self}, {inputs}, target, baselineValue, chunkSize)");
                        break;
                }
            }
            if (!single && spec.Methods.Any(m => m.Attribution != "GradCam"))
            {
                Separate(writer);
                writer.Line($"/// <summary>What the attribution methods return: one attribution per floating-point input, of its input's shape (integer inputs are held fixed).</summary>");
                foreach (var tensor in attributed) writer.Line($"/// <param name=\"{tensor.Name}\">The attribution of {tensor.Name} {tensor.Shape}.</param>");
                writer.Line($"public sealed record {Record}({string.Join(", ", attributed.Select(i => $"{Torch.Tensor} {i.Name}"))});");
            }
            string forward = single ? x : $"() => {self}.forward({string.Join(", ", spec.Inputs.Select(i => i.Name))})";
            WriteCapture(writer, spec.Activations, "Activations", "NamedActivations", single ? "ActivationCapture.Activations" : "ActivationCapture.Capture",
                "The named layers' outputs from one forward pass of {0} (eval mode, no gradients).", "output ");
            WriteCapture(writer, spec.Attention, "AttentionWeights", "NamedAttentionWeights", "AttentionWeights.Capture",
                "The named attention layers' weights, averaged over heads, from one forward pass of {0}: [B, Tq, Tk] per attention layer, [layers, B, T, T] per encoder (one [B, T, T] per encoder layer); each row sums to 1.", "weights ");
            return;

            string New(string byName) => $"new({string.Join(", ", attributed.Select(i => $"{byName}[{Literal.String(i.Name)}]"))})";

            void WriteCapture(SourceWriter w, Infrastructure.EquatableArray<CapturedLayer> layers, string name, string record, string runtime, string summary, string shapeNote)
            {
                if (layers.Count == 0) return;
                Separate(w);
                w.Line($"/// <summary>{string.Format(summary, string.Join(" and ", spec.Inputs.Select(i => i.Name)))}</summary>");
                w.Open($"public {(isStatic ? "static " : "")}{record} {name}({modelParameter}{tensors})");
                w.Line($"var captured = {Interpretability}.{runtime}({self}, {forward}, {string.Join(", ", layers.Select(l => Literal.String(l.Name)))});");
                w.Line($"return new({string.Join(", ", layers.Select(l => $"captured[{Literal.String(l.Name)}]"))});");
                w.Close().Line();
                w.Line($"/// <summary>What <see cref=\"{name}\"/> returns, one tensor per named layer.</summary>");
                foreach (var layer in layers) w.Line($"/// <param name=\"{layer.Name}\">The {shapeNote}{layer.Shape}.</param>");
                w.Line($"public sealed record {record}({string.Join(", ", layers.Select(l => $"{Torch.Tensor} {l.Name}"))});");
            }
        });

    private static void Method(SourceWriter writer, bool isStatic, string summary, string result, string signature, string call)
    {
        Separate(writer);
        writer.Line($"/// <summary>{summary} The model runs in eval mode and is left as it was.</summary>");
        writer.Line($"public {(isStatic ? "static " : "")}{result} {signature} =>");
        writer.Line($"    {Interpretability}.{call};");
    }

    /// <summary>A method of a model with several inputs: the runtime returns attributions by input name, the method the typed record.</summary>
    private static void MethodOfInputs(SourceWriter writer, bool isStatic, string summary, string result, string signature, params string[] body)
    {
        Separate(writer);
        writer.Line($"/// <summary>{summary} The model runs in eval mode and is left as it was.</summary>");
        writer.Open($"public {(isStatic ? "static " : "")}{result} {signature}");
        foreach (string line in body) writer.Line(line);
        writer.Close();
    }

    /// <summary>A blank line between members, none after the class's opening brace.</summary>
    private static void Separate(SourceWriter writer)
    {
        if (!writer.ToString().TrimEnd().EndsWith("{")) writer.Line();
    }

    /// <summary>
    /// The input Grad-CAM's documentation names: the only one, or the first floating-point input with 1 to 3 spatial dims
    /// (the runtime upsamples to the first of the layer's spatial rank, which the parser checked exists).
    /// </summary>
    private static Shapes.TensorSpec? SpatialInput(System.Collections.Generic.List<Shapes.TensorSpec> attributed, bool single) =>
        single ? attributed.FirstOrDefault() : attributed.FirstOrDefault(i => i.Shape.Rank is >= 3 and <= 5);

    private static string MappedInput(System.Collections.Generic.List<Shapes.TensorSpec> attributed) =>
        SpatialInput(attributed, single: false) is { } input ? $"{input.Name} {input.Shape}" : "the spatial input";

    private static string MapShape(System.Collections.Generic.List<Shapes.TensorSpec> attributed, bool single) =>
        SpatialInput(attributed, single)?.Shape.Rank switch { 3 => "[B, L]", 5 => "[B, D, H, W]", _ => "[B, H, W]" };

    private static string Sizes(Infrastructure.EquatableArray<long> sizes) => "{ " + string.Join(", ", sizes.Select(Literal.Long)) + " }";
}
