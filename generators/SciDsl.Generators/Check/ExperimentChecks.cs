using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Check;

/// <summary>Does the data fit the model, and the loss its output? (SD1005, SD1006)</summary>
internal static class ExperimentChecks
{
    public static void SampleFitsInput(string experiment, ShapedModel model, DatasetSpec data, IReadOnlyDictionary<string, long> sizes, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        string? problem = null;
        if (model.Inputs.Count != 1) problem = "supervised experiments train single-input models; give the model one input";
        else
        {
            var input = model.Inputs[0];
            var perSample = new Shape(input.Shape.Dims.Skip(1).Select(d => Bound(d, sizes)).ToEquatableArray());
            string dims = string.Join(",", perSample.Dims);
            string declare = $"declare the dataset as \"{data.Sample.Name}: {(input.ElementType == TensorSpec.Float32 ? dims : $"{input.ElementType}[{dims}]")}\" or change the model input";
            if (perSample.Rank != data.Sample.Shape.Rank)
                problem = $"the sample has rank {data.Sample.Shape.Rank} but the model takes rank {perSample.Rank} after the batch dim; {declare}";
            else if (Enumerable.Range(0, perSample.Rank).Where(d => Contradicts(perSample[d], data.Sample.Shape[d])).Select(d => (int?)d).FirstOrDefault() is int i)
                problem = $"dim {i + 1} differs ({data.Sample.Shape[i]} vs {perSample[i]}); {declare}";
            else if (input.ElementType != data.Sample.ElementType)
                problem = $"the sample is {data.Sample.ElementType} but the model takes {input.ElementType}; {declare}";
        }
        if (problem is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DatasetDoesNotFitModel, location, experiment,
                data.Type.Name, data.Sample.Shape.ToString(), model.Type.Name,
                model.Inputs.Count == 1 ? model.Inputs[0].Shape.ToString() : $"{model.Inputs.Count} inputs", problem));
    }

    /// <summary>SD1006, leading with the problem (what the loss needs, but what it gets), then the fix.</summary>
    public static void LossFitsOutput(string experiment, ShapedModel model, DatasetSpec data, IReadOnlyDictionary<string, long> sizes, string loss, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var output = model.Outputs[0].Shape;
        bool classes = loss == "CrossEntropy";
        string declared = $"dataset {data.Type.Name} declares Target = \"{data.TargetText}\"";
        string needs = $"Loss.{loss} on target '{data.TargetText}' of dataset {data.Type.Name} needs model outputs [B, {data.TargetSize}] " +
            (classes ? "(one logit per class)" : "(one column per value)");
        (string Needs, string Receives, string Fix)? problem = null;
        if (classes && data.TargetKind != "Class")
            problem = ($"Loss.{loss} needs a class target (\"class: N\")", declared, "use [Supervised(Loss.MSE)] for value targets");
        else if (!classes && data.TargetKind != "Value")
            problem = ($"Loss.{loss} needs a value target (\"value: N\")", declared, "use [Supervised(Loss.CrossEntropy)] for class targets");
        else if (model.Outputs.Count != 1)
            problem = (needs, $"model {model.Type.Name} has {model.Outputs.Count} outputs ({string.Join(", ", model.OutputNodes)})", "train a single-output model");
        else if (output.Rank != 2)
            problem = (needs, $"model {model.Type.Name} outputs {output}", $"end the model with [Flatten, Linear({data.TargetSize})]");
        else if (Contradicts(Bound(output[1], sizes), Dim.Of(data.TargetSize)))
            problem = (needs, $"model {model.Type.Name} outputs {output}", $"make the last layer Linear({data.TargetSize})");
        if (problem is { } p)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossDoesNotFitOutput, location, experiment, p.Needs, p.Receives, p.Fix));
    }

    /// <summary>The size with the experiment's <c>Sizes</c> filled in, when they determine it.</summary>
    private static Dim Bound(Dim dim, IReadOnlyDictionary<string, long> sizes) => dim.Evaluate(sizes) is { } value ? Dim.Of(value) : dim;

    /// <summary>Two sizes contradict when both are numbers and differ; a symbol is bound by the data at run time.</summary>
    private static bool Contradicts(Dim declared, Dim actual) => declared.IsConstant && actual.IsConstant && !declared.Equals(actual);
}
