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
    public static void SampleFitsInput(string experiment, ShapedModel model, DatasetSpec data, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        string? problem = null;
        if (model.Inputs.Count != 1) problem = "supervised experiments train single-input models";
        else
        {
            var input = model.Inputs[0];
            var perSample = new Shape(input.Shape.Dims.Skip(1).ToEquatableArray());
            if (perSample.Rank != data.Sample.Shape.Rank)
                problem = $"the sample has rank {data.Sample.Shape.Rank} but the model takes rank {perSample.Rank} after the batch dim";
            else if (Enumerable.Range(0, perSample.Rank).Where(d => Contradicts(perSample[d], data.Sample.Shape[d])).Select(d => (int?)d).FirstOrDefault() is int i)
                problem = $"dim {i + 1} differs ({data.Sample.Shape[i]} vs {perSample[i]}); declare the dataset as \"{data.Sample.Name}: {string.Join(",", perSample.Dims)}\" or change the model input";
            else if (input.ElementType != data.Sample.ElementType)
                problem = $"the sample is {data.Sample.ElementType} but the model takes {input.ElementType}";
        }
        if (problem is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DatasetDoesNotFitModel, location, experiment,
                data.Type.Name, data.Sample.Shape.ToString(), model.Type.Name,
                model.Inputs.Count == 1 ? model.Inputs[0].Shape.ToString() : $"{model.Inputs.Count} inputs", problem));
    }

    public static void LossFitsOutput(string experiment, ShapedModel model, DatasetSpec data, string loss, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var output = model.Outputs[0].Shape;
        bool classes = loss == "CrossEntropy";
        string needs = classes ? $"[B, {data.TargetSize}] class logits" : $"[B, {data.TargetSize}] values";
        string? fix = null;
        if (model.Outputs.Count != 1) fix = "train a single-output model";
        else if (classes && data.TargetKind != "Class") fix = "CrossEntropy needs a class target; use Loss.MSE for \"value\" targets";
        else if (!classes && data.TargetKind != "Value") fix = "MSE needs a \"value\" target; use Loss.CrossEntropy for classes";
        else if (output.Rank != 2) fix = "end the model with a Linear layer giving one row per sample";
        else if (Contradicts(output[1], Dim.Of(data.TargetSize)))
            fix = $"make the last layer Linear({data.TargetSize})";
        if (fix is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossDoesNotFitOutput, location, experiment, loss,
                data.TargetText, data.Type.Name, needs, model.Type.Name, output.ToString(), fix));
    }

    /// <summary>Two sizes contradict when both are numbers and differ; a symbol is bound by the data at run time.</summary>
    private static bool Contradicts(Dim declared, Dim actual) => declared.IsConstant && actual.IsConstant && !declared.Equals(actual);
}
