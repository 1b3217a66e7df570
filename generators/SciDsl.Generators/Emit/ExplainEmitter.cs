using System.Linq;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Emit;

/// <summary>
/// Emits <c>X.Explain.g.cs</c>: one typed method per <c>[Explain]</c> attribution, calling
/// <c>SciDsl.Interpretability</c> with the declared settings, and the named layers' activations and attention weights.
/// On a model they are instance methods; on an experiment, static methods taking its model first.
/// </summary>
internal static class ExplainEmitter
{
    private const string Interpretability = "global::SciDsl.Interpretability";

    public static string Emit(ExplainSpec spec) =>
        TypeScope.Write(spec.Type, null, new string[0], writer =>
        {
            string x = spec.Input.Name;
            string self = spec.ModelType is null ? "this" : "model";
            bool isStatic = spec.ModelType is not null;
            string modelParameter = spec.ModelType is null ? "" : $"{spec.ModelType} model, ";
            string input = $"{modelParameter}{Torch.Tensor} {x}, long target";
            string shape = spec.Input.Shape.ToString();
            foreach (var method in spec.Methods)
            {
                switch (method.Attribution)
                {
                    case "Saliency":
                        Method(writer, isStatic, $"Saliency |∂y_target/∂{x}| of {x} {shape}; one forward/backward pass.",
                            Torch.Tensor, $"Saliency({input})", $"Saliency.Compute({self}, {x}, target)");
                        break;
                    case "InputXGradient":
                        Method(writer, isStatic, $"Input × Gradient, {x} ⊙ ∂y_target/∂{x}, of {x} {shape}.",
                            Torch.Tensor, $"InputXGradient({input})", $"InputXGradient.Compute({self}, {x}, target)");
                        break;
                    case "SmoothGrad":
                        Method(writer, isStatic, $"SmoothGrad of {x} {shape}: the gradient averaged over <paramref name=\"samples\"/> noisy copies; the same seed gives the same noise.",
                            Torch.Tensor,
                            $"SmoothGrad({input}, double noiseLevel = {Literal.Double(method.NoiseLevel)}, int samples = {Literal.Long(method.Samples)}, long seed = 0, int chunkSize = 256)",
                            $"SmoothGrad.Compute({self}, {x}, target, noiseLevel, samples, seed, chunkSize)");
                        break;
                    case "IntegratedGradients":
                        Method(writer, isStatic, $"Integrated Gradients of {x} {shape} from <paramref name=\"baseline\"/> (zeros when null): attributions of {x}'s shape and the convergence delta per sample.",
                            $"{Interpretability}.IntegratedGradientsResult",
                            $"IntegratedGradients({input}, int steps = {Literal.Long(method.Steps)}, {Torch.Tensor}? baseline = null, {Interpretability}.IntegrationRule rule = {Interpretability}.IntegrationRule.RiemannMidpoint, int chunkSize = 256)",
                            $"IntegratedGradients.Compute({self}, {x}, target, baseline, steps, rule, chunkSize)");
                        break;
                    case "GradCam":
                        Method(writer, isStatic, $"Grad-CAM on layer {method.Layer}: one map [B, H, W] per sample of {x} {shape}, upsampled from the layer's feature maps.",
                            Torch.Tensor, $"GradCam({input})", $"GradCam.Compute({self}, {x}, target, {Literal.String(method.Layer!)})");
                        break;
                    case "Occlusion":
                        Method(writer, isStatic, $"Occlusion of {x} {shape}: the target score's drop when a window {Sizes(method.Window)} (stride {Sizes(method.Stride)}) is set to <paramref name=\"baselineValue\"/>.",
                            Torch.Tensor, $"Occlusion({input}, double baselineValue = 0)",
                            $"Occlusion.Compute({self}, {x}, target, new long[] {Sizes(method.Window)}, new long[] {Sizes(method.Stride)}, baselineValue)");
                        break;
                    case "FeatureAblation":
                        Method(writer, isStatic, $"Feature ablation of {x} {shape}: the target score's drop when each feature is set to <paramref name=\"baselineValue\"/>.",
                            Torch.Tensor, $"FeatureAblation({input}, double baselineValue = 0)", $"FeatureAblation.Compute({self}, {x}, target, baselineValue)");
                        break;
                }
            }
            WriteCapture(writer, spec.Activations, "Activations", "NamedActivations", "ActivationCapture.Activations",
                "The named layers' outputs from one forward pass of {0} (eval mode, no gradients).", "output ");
            WriteCapture(writer, spec.Attention, "AttentionWeights", "NamedAttentionWeights", "AttentionWeights.Capture",
                "The named attention layers' weights, averaged over heads, from one forward pass of {0}: [B, Tq, Tk] per attention layer, [layers, B, T, T] per encoder (one [B, T, T] per encoder layer); each row sums to 1.", "weights ");
            return;

            void WriteCapture(SourceWriter w, Infrastructure.EquatableArray<CapturedLayer> layers, string name, string record, string runtime, string summary, string shapeNote)
            {
                if (layers.Count == 0) return;
                Separate(w);
                w.Line($"/// <summary>{string.Format(summary, x)}</summary>");
                w.Open($"public {(isStatic ? "static " : "")}{record} {name}({modelParameter}{Torch.Tensor} {x})");
                w.Line($"var captured = {Interpretability}.{runtime}({self}, {x}, {string.Join(", ", layers.Select(l => Literal.String(l.Name)))});");
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

    /// <summary>A blank line between members, none after the class's opening brace.</summary>
    private static void Separate(SourceWriter writer)
    {
        if (!writer.ToString().TrimEnd().EndsWith("{")) writer.Line();
    }

    private static string Sizes(Infrastructure.EquatableArray<long> sizes) => "{ " + string.Join(", ", sizes.Select(Literal.Long)) + " }";
}
