using System.Linq;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Emit;

/// <summary>Emits a <c>[MultiTask]</c> experiment's <c>Run</c> and its <c>Tasks</c> list.</summary>
internal static class MultiTaskEmitter
{
    public static void Emit(SourceWriter writer, ExperimentSpec experiment, MultiTaskSpec multiTask, string createModel, string data, string experimentName)
    {
        string heads = string.Join(", ", multiTask.Tasks.Select(t => multiTask.SingleOutput ? "outputs" : $"outputs.Item{t.OutputPosition}"));
        writer.Line($"public global::SciDsl.TrainingResult<{experiment.ModelType}> Run(global::SciDsl.TrainOptions? options = null) =>");
        writer.Line($"    global::SciDsl.MultiTaskTrainer.Run(Config, {createModel},");
        writer.Line("        // The outputs the tasks train, in [Task] order.");
        writer.Line("        static (model, x) =>");
        writer.Line("        {");
        writer.Line("            var outputs = model.forward(x);");
        writer.Line($"            return new[] {{ {heads} }};");
        writer.Line("        },");
        writer.Line($"        {data}, Tasks, options, {experimentName});");
        writer.Line();
        writer.Line("/// <summary>What the <c>[Task]</c> attributes declare: output, loss, target columns (first, count) and weight.</summary>");
        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<global::SciDsl.TrainingTask> Tasks { get; } = new global::SciDsl.TrainingTask[]");
        writer.Line("{");
        foreach (var task in multiTask.Tasks)
            writer.Line($"    new({Literal.String(task.Output)}, global::SciDsl.Loss.{task.Loss}, {Literal.Long(task.FirstColumn)}, {Literal.Long(task.ColumnCount)}, Weight: {Literal.Double(task.Weight)}),");
        writer.Line("};");
    }
}
