using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Check;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Parse;

/// <summary>What <c>[MultiTask]</c> and its <c>[Task]</c>s declare, in declaration order.</summary>
/// <param name="SingleOutput">The model returns one tensor, not a tuple of its outputs.</param>
internal sealed record MultiTaskSpec(EquatableArray<TaskSpec> Tasks, bool SingleOutput);

/// <summary>One <c>[Task]</c>: the output's name and 1-based position, a <c>Loss</c> member name, its target columns and weight.</summary>
internal sealed record TaskSpec(string Output, int OutputPosition, string Loss, int FirstColumn, int ColumnCount, double Weight);

/// <summary>
/// Reads <c>[MultiTask]</c> with its <c>[Task]</c>s and checks them at the attribute's line: SD3042 (a task names no
/// output of the model), SD3043 (a task's loss, columns and output width do not fit the data or each other), SD3044 (no
/// tasks, a task given twice, a [Task] without [MultiTask] or beside [Supervised]), SD3003 (a weight out of range).
/// </summary>
internal static class MultiTaskParser
{
    public const string Attribute = "SciDsl.MultiTaskAttribute";
    public const string TaskAttribute = "SciDsl.TaskAttribute";

    private static readonly string[] TaskLosses = { "CrossEntropy", "MSE", "L1", "Huber" };

    /// <summary>SD3044 at each <c>[Task]</c> of an experiment without <c>[MultiTask]</c>, which would otherwise be ignored.</summary>
    public static void CheckTasksWithoutMultiTask(IEnumerable<AttributeData> attributes, string experiment, List<DiagnosticInfo> diagnostics)
    {
        foreach (var task in attributes.Where(a => a.AttributeClass?.ToDisplayString() == TaskAttribute))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultiTaskTasksUnusable, ModelParser.LocationOf(task), experiment,
                "declares [Task] without [MultiTask]", "add [MultiTask] to train every task, or remove the [Task]"));
    }

    /// <param name="model">The checked model; null when it is broken (it reports its own errors).</param>
    /// <param name="data">The checked data set; null when it is broken.</param>
    /// <param name="sizes">The experiment's <c>Sizes</c>; null when malformed.</param>
    /// <param name="earlyStopping"><c>[Train(EarlyStopping = ...)]</c> and where it is declared.</param>
    public static MultiTaskSpec? Read(
        AttributeData multiTask, IReadOnlyList<AttributeData> tasks, bool supervised, string experiment, ShapedModel? model, DatasetSpec? data,
        IReadOnlyDictionary<string, long>? sizes, (string Metric, LocationInfo? At) earlyStopping, List<DiagnosticInfo> diagnostics)
    {
        var location = ModelParser.LocationOf(multiTask);
        int before = diagnostics.Count;
        void Report(DiagnosticDescriptor descriptor, LocationInfo? at, params string[] details) =>
            diagnostics.Add(DiagnosticInfo.Create(descriptor, at, new[] { experiment }.Concat(details).ToArray()));

        if (tasks.Count == 0)
            Report(DiagnosticDescriptors.MultiTaskTasksUnusable, location, "declares [MultiTask] without any [Task]",
                "add one [Task(\"output\", Loss.X, Columns = \"0\")] per model output to train, e.g. [Task(\"digit\", Loss.CrossEntropy, Columns = \"0\")]");
        if (supervised)
            Report(DiagnosticDescriptors.MultiTaskTasksUnusable, location, "declares [Supervised] beside [MultiTask]",
                "remove [Supervised]: each [Task] declares its own loss");
        // The weighted sum of the task losses picks the best epoch; the runtime knows no per-task metric to monitor.
        if (earlyStopping.Metric != "val_loss")
            Report(DiagnosticDescriptors.TrainingSettingOutOfRange, earlyStopping.At, "EarlyStopping", "\"val_loss\" (the weighted sum of the task losses) for [MultiTask]",
                Literal.String(earlyStopping.Metric), "[Train(EarlyStopping = \"val_loss\", Patience = 3)]");
        if (model is { Inputs.Count: > 1 })
            Report(DiagnosticDescriptors.TaskDoesNotFit, location,
                $"[MultiTask] trains models of one input, but model {model.Type.Name} takes {model.Inputs.Count}",
                "train a single-input model, e.g. with the inputs concatenated");
        if (data is { TargetKind: not "Value" })
            Report(DiagnosticDescriptors.TaskDoesNotFit, location,
                $"[MultiTask] takes each task's targets from columns of value targets, but dataset {data.Type.Name} declares Target = \"{data.TargetText}\"",
                $"declare Target = \"value: k\" on {data.Type.Name} with one column per target value (class indices as whole numbers)");

        var specs = new List<TaskSpec>();
        var seen = new HashSet<string>();
        foreach (var task in tasks)
        {
            var at = ModelParser.LocationOf(task) ?? location;
            var arguments = AttributeArguments.From(task);
            string output = task.ConstructorArguments.ElementAtOrDefault(0).Value as string ?? "";
            string loss = task.ConstructorArguments.Length > 1 ? AttributeArguments.EnumName(task.ConstructorArguments[1]) : "";
            double weight = arguments.Double("Weight", 1.0);
            string columnsText = arguments.String("Columns") ?? "";
            if (!seen.Add(output))
                Report(DiagnosticDescriptors.MultiTaskTasksUnusable, at, $"declares [Task(\"{output}\", ...)] twice",
                    "give each output one [Task]; to weigh it more, raise its Weight");
            // Finite, or the generated task list would hold a NaN or ∞ that has no C# literal.
            if (!(weight > 0 && weight <= double.MaxValue))
                Report(DiagnosticDescriptors.TrainingSettingOutOfRange, at, $"[Task(\"{output}\")] Weight", "a positive finite number", Literal.Double(weight),
                    $"[Task(\"{output}\", Loss.{(loss.Length == 0 ? "MSE" : loss)}, Weight = 1.0, ...)]");
            if (!TaskLosses.Contains(loss))
                Report(DiagnosticDescriptors.TaskDoesNotFit, at, $"task '{output}' has Loss.{loss}",
                    "a task takes Loss.CrossEntropy (class indices) or Loss.MSE, Loss.L1, Loss.Huber (values)");
            var columns = ParseColumns(columnsText);
            if (columns is null)
                Report(DiagnosticDescriptors.TaskDoesNotFit, at,
                    columnsText.Length == 0 ? $"task '{output}' does not say which target columns it learns from" : $"task '{output}' has Columns = \"{columnsText}\", which is not a column or range",
                    "write Columns = \"0\" for one column or Columns = \"1..3\" for columns 1 and 2");
            else if (data is { TargetKind: "Value" } && columns.Value.First + columns.Value.Count > data.TargetSize)
                Report(DiagnosticDescriptors.TaskDoesNotFit, at, $"task '{output}' takes target columns {columnsText}, but dataset {data.Type.Name} has {data.TargetSize} (Target = \"{data.TargetText}\")",
                    $"name columns 0 to {data.TargetSize - 1}");
            else if (loss == "CrossEntropy" && columns.Value.Count != 1)
                Report(DiagnosticDescriptors.TaskDoesNotFit, at, $"task '{output}' classifies from {columns.Value.Count} columns ({columnsText})",
                    "a Loss.CrossEntropy task reads one column of class indices; name one column, e.g. Columns = \"0\"");
            if (model is null) continue;

            int position = model.OutputNodes.ToList().IndexOf(output);
            if (position < 0)
            {
                Report(DiagnosticDescriptors.UnknownTaskOutput, at, output, model.Type.Name, $"({string.Join(", ", model.OutputNodes)})",
                    $"{ShapeChecker.KnownNames(output, model.OutputNodes)}, or list the node in [Output(...)] of {model.Type.Name}");
                continue;
            }
            if (columns is { } range && TaskLosses.Contains(loss)) CheckWidth(output, loss, range.Count, model, position, sizes, at, Report);
            specs.Add(new TaskSpec(output, position + 1, loss, columns?.First ?? 0, columns?.Count ?? 0, weight));
        }
        if (diagnostics.Count > before || model is null) return null;
        return new MultiTaskSpec(specs.ToEquatableArray(), model.Outputs.Count == 1);
    }

    /// <summary>SD3043 when the output is not <c>[B, width]</c> with a width that fits the task: ≥ 2 classes, or one per column.</summary>
    private static void CheckWidth(string output, string loss, int columns, ShapedModel model, int position, IReadOnlyDictionary<string, long>? sizes,
        LocationInfo? at, System.Action<DiagnosticDescriptor, LocationInfo?, string[]> report)
    {
        var shape = model.Outputs[position].Shape;
        bool classes = loss == "CrossEntropy";
        string needs = classes ? "[B, classes] logits (at least 2 classes)" : $"[B, {columns}] (one value per target column)";
        long? width = shape.Rank == 2 ? shape[1].Evaluate(sizes ?? new Dictionary<string, long>()) : null;
        bool fits = shape.Rank == 2 && (width is not { } w || (classes ? w >= 2 : w == columns));
        if (!fits)
            report(DiagnosticDescriptors.TaskDoesNotFit, at, new[]
            {
                $"task '{output}' with Loss.{loss} needs output '{output}' of {model.Type.Name} to be {needs}, but it is {shape}",
                classes ? $"end '{output}' with a Linear layer of one unit per class" : $"end '{output}' with Linear({columns})",
            });
    }

    /// <summary><c>"2"</c> → (2, 1); <c>"1..3"</c> → (1, 2) as a C# range; null when malformed or empty.</summary>
    internal static (int First, int Count)? ParseColumns(string text)
    {
        string[] parts = text.Replace(" ", "").Split(new[] { ".." }, System.StringSplitOptions.None);
        int[] bounds = parts.Select(p => int.TryParse(p, out int v) && v >= 0 ? v : -1).ToArray();
        if (bounds.Any(b => b < 0)) return null;
        return bounds.Length switch
        {
            1 => (bounds[0], 1),
            2 when bounds[1] > bounds[0] => (bounds[0], bounds[1] - bounds[0]),
            _ => null,
        };
    }
}
