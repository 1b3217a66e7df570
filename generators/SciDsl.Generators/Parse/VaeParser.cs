using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Check;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Parse;

/// <summary>
/// Reads <c>[Vae]</c> and checks it against the experiment's model at the attribute's line: the named reconstruction,
/// mean and log-variance outputs exist (SD3070), mean and log-variance agree and the reconstruction has the input's
/// shape (SD3071), and the settings can work (SD3003, also for <c>[Train(Normalize = true)]</c> with a BCE reconstruction).
/// </summary>
internal static class VaeParser
{
    public const string Attribute = "SciDsl.VaeAttribute";

    /// <summary>The reconstruction loss's <c>Loss</c> member name, for the experiment's <c>Config</c>.</summary>
    public static string LossOf(AttributeData vae) => AttributeArguments.From(vae).String("ReconstructionLoss") ?? "MSE";

    /// <param name="model">Null when the model has errors of its own (reported where it is declared).</param>
    /// <param name="normalize">The experiment's <c>[Train(Normalize)]</c>.</param>
    public static VaeSpec? Read(AttributeData vae, string experiment, ShapedModel? model, bool normalize, List<DiagnosticInfo> diagnostics)
    {
        var location = ModelParser.LocationOf(vae);
        var arguments = AttributeArguments.From(vae);
        int before = diagnostics.Count;
        void Report(DiagnosticDescriptor descriptor, params string[] details) =>
            diagnostics.Add(DiagnosticInfo.Create(descriptor, location, new[] { experiment }.Concat(details).ToArray()));

        double beta = arguments.Double("Beta", 1.0);
        int warmup = arguments.Int("KlWarmupEpochs", 0);
        string loss = LossOf(vae);
        if (!(beta >= 0 && beta <= double.MaxValue))
            Report(DiagnosticDescriptors.TrainingSettingOutOfRange, "Beta", "a finite number >= 0", Literal.Double(beta), "[Vae(Beta = 1.0)]");
        if (warmup < 0)
            Report(DiagnosticDescriptors.TrainingSettingOutOfRange, "KlWarmupEpochs", ">= 0 (0 = full β from the start)", Literal.Long(warmup), "[Vae(KlWarmupEpochs = 5)]");
        if (loss is not ("MSE" or "BCEWithLogits"))
            Report(DiagnosticDescriptors.TrainingSettingOutOfRange, "ReconstructionLoss", "Loss.MSE or Loss.BCEWithLogits", "Loss." + loss,
                "[Vae(ReconstructionLoss = Loss.MSE)]");
        // Binary cross-entropy reconstructs probabilities in [0, 1]; standardised inputs are no such thing.
        if (normalize && loss == "BCEWithLogits")
            Report(DiagnosticDescriptors.TrainingSettingOutOfRange, "[Train] Normalize", "false when the VAE reconstructs probabilities (ReconstructionLoss = Loss.BCEWithLogits)",
                "true", "[Vae(ReconstructionLoss = Loss.MSE)] to reconstruct the standardised inputs, or [Train] without Normalize");
        if (model is null) return null;

        var roles = new[]
        {
            (Role: "reconstruction", Property: "Reconstruction", Name: arguments.String("Reconstruction") ?? "recon"),
            (Role: "mean", Property: "Mean", Name: arguments.String("Mean") ?? "mu"),
            (Role: "log-variance", Property: "LogVariance", Name: arguments.String("LogVariance") ?? "logvar"),
        };
        string outputs = $"({string.Join(", ", model.OutputNodes)})";
        var outputNodes = model.OutputNodes.ToList();
        int[] positions = roles.Select(role => outputNodes.IndexOf(role.Name)).ToArray();
        for (int i = 0; i < roles.Length; i++)
            if (positions[i] < 0)
                Report(DiagnosticDescriptors.VaeOutputMissing, roles[i].Role, roles[i].Name, model.Type.Name, outputs,
                    $"list the node in [Output(...)] of {model.Type.Name}, or name the output with [Vae({roles[i].Property} = \"...\")]");
        if (positions.Any(p => p < 0)) return null;

        var (reconstruction, mean, logVariance) = (model.Outputs[positions[0]], model.Outputs[positions[1]], model.Outputs[positions[2]]);
        if (!mean.Shape.Equals(logVariance.Shape))
            Report(DiagnosticDescriptors.VaeShapesDisagree, "the mean and the log-variance to have equal shapes",
                $"'{roles[1].Name}' is {mean.Shape} and '{roles[2].Name}' is {logVariance.Shape}", "give both heads the same width");
        if (model.Inputs.Count == 1 && !reconstruction.Shape.Equals(model.Inputs[0].Shape))
            Report(DiagnosticDescriptors.VaeShapesDisagree, $"the reconstruction '{roles[0].Name}' to have the input's shape {model.Inputs[0].Shape}",
                $"it is {reconstruction.Shape}", $"end the decoder with layers that give {model.Inputs[0].Shape}, e.g. [Reshape(\"{ReshapeText(model)}\")]");
        return diagnostics.Count > before ? null : new VaeSpec(beta, warmup, positions[0] + 1, positions[1] + 1, positions[2] + 1);
    }

    private static string ReshapeText(ShapedModel model) => string.Join(",", model.Inputs[0].Shape.Dims.Select(d => d.ToString()));
}
