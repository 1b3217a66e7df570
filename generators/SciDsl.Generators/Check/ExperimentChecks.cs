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
    /// <summary>SD1005: every model input against the data set's input at the same position (a graph's <c>x</c>, then <c>adj</c>).</summary>
    public static void SampleFitsInput(string experiment, ShapedModel model, DatasetSpec data, IReadOnlyDictionary<string, long> sizes, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        string? problem = null;
        if (model.Inputs.Count != data.Inputs.Count)
            problem = $"the dataset declares {data.Inputs.Count} input{(data.Inputs.Count == 1 ? "" : "s")} per sample ({string.Join(", ", data.Inputs.Select(i => i.Name))}) " +
                $"but the model takes {model.Inputs.Count} ({string.Join(", ", model.Inputs.Select(i => i.Name))}); declare one sample input per model input, in the model's order";
        for (int n = 0; problem is null && n < model.Inputs.Count; n++)
        {
            var input = model.Inputs[n];
            var sample = data.Inputs[n];
            var perSample = new Shape(input.Shape.Dims.Skip(1).Select(d => Bound(d, sizes)).ToEquatableArray());
            string dims = string.Join(",", perSample.Dims);
            string declare = $"declare the dataset as \"{sample.Name}: {(input.ElementType == TensorSpec.Float32 ? dims : $"{input.ElementType}[{dims}]")}\" or change the model input";
            string which = model.Inputs.Count == 1 ? "the sample" : $"sample input '{sample.Name}'";
            if (perSample.Rank != sample.Shape.Rank)
                problem = $"{which} has rank {sample.Shape.Rank} but the model takes rank {perSample.Rank} after the batch dim; {declare}";
            else if (Enumerable.Range(0, perSample.Rank).Where(d => Contradicts(perSample[d], sample.Shape[d])).Select(d => (int?)d).FirstOrDefault() is int i)
                problem = $"{(model.Inputs.Count == 1 ? "" : which + ": ")}dim {i + 1} differs ({sample.Shape[i]} vs {perSample[i]}); {declare}";
            else if (input.ElementType != sample.ElementType)
                problem = $"{which} is {sample.ElementType} but the model takes {input.ElementType}; {declare}";
        }
        if (problem is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DatasetDoesNotFitModel, location, experiment,
                data.Type.Name, string.Join("; ", data.Inputs.Select(i => i.Shape.ToString())), model.Type.Name,
                string.Join("; ", model.Inputs.Select(i => i.Shape.ToString())), problem));
    }

    /// <summary>SD1006, leading with the problem (what the loss needs, but what it gets), then the fix.</summary>
    public static void LossFitsOutput(string experiment, ShapedModel model, DatasetSpec data, IReadOnlyDictionary<string, long> sizes, string loss, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var output = model.Outputs[0].Shape;
        bool classes = loss is "CrossEntropy" or "Dice";
        string declared = data.TargetKind == "None"
            ? $"dataset {data.Type.Name} declares no Target (unlabelled samples)"
            : $"dataset {data.Type.Name} declares Target = \"{data.TargetText}\"";
        string labelIt = $"declare the Target of dataset {data.Type.Name}, e.g. Target = \"{(classes ? "class" : "value")}: N\"; unlabelled samples are for self- or semi-supervised training";
        var sample = data.Sample.Shape;
        string wanted = data.TargetPer switch
        {
            "Pixel" => $"[B, {data.TargetSize}, {sample[sample.Rank - 2]}, {sample[sample.Rank - 1]}] (one logit per class and pixel)",
            "Node" => $"[B, {sample[0]}, {data.TargetSize}] (one logit per node and class)",
            _ => $"[B, {data.TargetSize}] " + (classes ? "(one logit per class)" : "(one column per value)"),
        };
        string needs = $"Loss.{loss} on target '{data.TargetText}' of dataset {data.Type.Name} needs model outputs {wanted}";
        (string Needs, string Receives, string Fix)? problem = null;
        if (classes && data.TargetKind != "Class")
            problem = ($"Loss.{loss} needs a class target (\"class: N\")", declared, data.TargetKind == "None" ? labelIt : "use [Supervised(Loss.MSE)] for value targets");
        else if (!classes && data.TargetKind != "Value")
            problem = ($"Loss.{loss} needs a value target (\"value: N\")", declared, data.TargetKind == "None" ? labelIt : "use [Supervised(Loss.CrossEntropy)] for class targets");
        else if (model.Outputs.Count != 1)
            problem = (needs, $"model {model.Type.Name} has {model.Outputs.Count} outputs ({string.Join(", ", model.OutputNodes)})", "train a single-output model");
        else if (data.TargetPer == "Pixel")
        {
            if (output.Rank != 4 || Contradicts(Bound(output[1], sizes), Dim.Of(data.TargetSize))
                || Contradicts(Bound(output[2], sizes), sample[sample.Rank - 2]) || Contradicts(Bound(output[3], sizes), sample[sample.Rank - 1]))
                problem = (needs, $"model {model.Type.Name} outputs {output}",
                    $"end the model with [Conv2d({data.TargetSize}, Kernel = 1)] at the image's resolution");
        }
        else if (data.TargetPer == "Node")
        {
            if (output.Rank != 3 || Contradicts(Bound(output[1], sizes), sample[0]) || Contradicts(Bound(output[2], sizes), Dim.Of(data.TargetSize)))
                problem = (needs, $"model {model.Type.Name} outputs {output}",
                    $"end the model with a per-node layer of {data.TargetSize} outputs, e.g. [GcnConv({data.TargetSize}, Adjacency = \"adj\")] or [Linear({data.TargetSize})], without pooling the nodes");
        }
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
