using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// <c>[MultiTask]</c> with its <c>[Task]</c>s: emitted as a <c>Tasks</c> list and a <c>Run</c> through
/// <c>MultiTaskTrainer</c>, and checked at the attribute's line ([MultiTask] on line 11, the first [Task] on line 12).
/// </summary>
public class MultiTaskDiagnosticsTests
{
    private const int MultiTaskLine = 11;
    private const int FirstTaskLine = 12;

    private const string DigitTask = "[Task(\"digit\", Loss.CrossEntropy, Columns = \"0\")]";
    private const string InkTask = "[Task(\"ink\", Loss.MSE, Columns = \"1\", Weight = 0.5)]";

    private static string Source(string firstTask, string secondTask = InkTask, string multiTask = "[MultiTask]", string target = "value: 2") =>
        "using SciDsl;\n" +
        "[Model(\"x: B,1,8,8\")]\n" +
        "[Flatten, Linear(32), ReLU(Name = \"trunk\")]\n" +
        "[Linear(10, Name = \"digit\"), Linear(1, From = \"trunk\", Name = \"ink\")]\n" +
        "[Output(\"digit\", \"ink\")]\n" +
        "public partial class TwoHeads;\n" +
        $"[Dataset(\"x: 1,8,8\", Target = \"{target}\")]\n" +
        "public partial class Digits : IDataSource\n" +
        "{ public LabelledData Load() => throw new System.NotSupportedException(); }\n" +
        "[Experiment(typeof(TwoHeads), typeof(Digits))]\n" +
        multiTask + "\n" +
        firstTask + "\n" +
        secondTask + "\n" +
        "public partial class DigitAndInk;\n";

    private static void SingleError(string source, string id, int line, params string[] words)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Crashes);
        DiagnosticAssert.AssertIs(Assert.Single(run.SciDslDiagnostics), id, line, words);
    }

    [Fact]
    public void A_valid_declaration_runs_through_the_multitask_trainer_with_its_tasks_in_order()
    {
        var run = GeneratorHarness.Run(Source(InkTask, DigitTask));

        DiagnosticAssert.Clean(run);
        string experiment = run.Source("DigitAndInk.Experiment.g.cs");
        Assert.Contains("global::SciDsl.MultiTaskTrainer.Run(Config, () => new global::TwoHeads(),", experiment);
        Assert.Contains("return new[] { outputs.Item2, outputs.Item1 };", experiment);
        Assert.Contains("new(\"ink\", global::SciDsl.Loss.MSE, 1, 1, Weight: 0.5),", experiment);
        Assert.Contains("new(\"digit\", global::SciDsl.Loss.CrossEntropy, 0, 1, Weight: 1),", experiment);
    }

    [Fact]
    public void A_misspelt_output_is_SD3042_with_the_closest_output()
    {
        SingleError(Source("[Task(\"digits\", Loss.CrossEntropy, Columns = \"0\")]"), "SD3042", FirstTaskLine,
            "[Task(\"digits\", ...)] names no output of model TwoHeads (digit, ink)", "did you mean 'digit'?");
    }

    [Fact]
    public void A_regression_task_on_a_head_of_another_width_is_SD3043()
    {
        SingleError(Source("[Task(\"ink\", Loss.MSE, Columns = \"0..2\")]", DigitTask), "SD3043", FirstTaskLine,
            "task 'ink' with Loss.MSE needs output 'ink' of TwoHeads to be [B, 2]", "end 'ink' with Linear(2)");
    }

    [Fact]
    public void A_classification_task_on_a_one_unit_head_is_SD3043()
    {
        SingleError(Source("[Task(\"ink\", Loss.CrossEntropy, Columns = \"1\")]", DigitTask), "SD3043", FirstTaskLine,
            "task 'ink' with Loss.CrossEntropy needs output 'ink' of TwoHeads to be [B, classes] logits (at least 2 classes)");
    }

    [Fact]
    public void A_classification_task_over_several_columns_is_SD3043()
    {
        SingleError(Source("[Task(\"digit\", Loss.CrossEntropy, Columns = \"0..2\")]"), "SD3043", FirstTaskLine,
            "task 'digit' classifies from 2 columns (0..2)", "name one column");
    }

    [Fact]
    public void Columns_beyond_the_targets_are_SD3043()
    {
        SingleError(Source("[Task(\"digit\", Loss.CrossEntropy, Columns = \"2\")]"), "SD3043", FirstTaskLine,
            "task 'digit' takes target columns 2, but dataset Digits has 2 (Target = \"value: 2\")");
    }

    [Fact]
    public void A_task_without_columns_is_SD3043()
    {
        SingleError(Source("[Task(\"digit\", Loss.CrossEntropy)]"), "SD3043", FirstTaskLine,
            "task 'digit' does not say which target columns it learns from", "Columns = \"1..3\"");
    }

    [Fact]
    public void A_loss_no_task_takes_is_SD3043()
    {
        SingleError(Source("[Task(\"ink\", Loss.BCEWithLogits, Columns = \"1\")]", DigitTask), "SD3043", FirstTaskLine,
            "task 'ink' has Loss.BCEWithLogits");
    }

    [Fact]
    public void Class_targets_are_SD3043_at_MultiTask()
    {
        SingleError(Source(DigitTask, "", target: "class: 10"), "SD3043", MultiTaskLine,
            "declares Target = \"class: 10\"", "declare Target = \"value: k\" on Digits");
    }

    [Fact]
    public void MultiTask_without_tasks_is_SD3044()
    {
        SingleError(Source("", ""), "SD3044", MultiTaskLine, "declares [MultiTask] without any [Task]");
    }

    [Fact]
    public void The_same_output_twice_is_SD3044_at_the_second_task()
    {
        SingleError(Source(DigitTask, DigitTask), "SD3044", FirstTaskLine + 1, "declares [Task(\"digit\", ...)] twice");
    }

    [Fact]
    public void A_task_without_MultiTask_is_SD3044()
    {
        var run = GeneratorHarness.Run(Source(DigitTask, "", multiTask: "[Supervised(Loss.MSE)]"));
        Assert.Empty(run.Crashes);
        Assert.Contains(run.SciDslDiagnostics, d => d.Id == "SD3044" && d.Location.GetLineSpan().StartLinePosition.Line + 1 == FirstTaskLine &&
            d.GetMessage().Contains("declares [Task] without [MultiTask]"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("double.NaN")]
    public void A_weight_that_is_not_positive_and_finite_is_SD3003(string weight)
    {
        SingleError(Source($"[Task(\"digit\", Loss.CrossEntropy, Columns = \"0\", Weight = {weight})]"), "SD3003", FirstTaskLine,
            "[Task(\"digit\")] Weight must be a positive finite number");
    }

    [Fact]
    public void Early_stopping_on_another_metric_than_the_summed_loss_is_SD3003_at_Train()
    {
        SingleError(Source(DigitTask, "[Train(EarlyStopping = \"val_digit_accuracy\", Patience = 3)]"), "SD3003", FirstTaskLine + 1,
            "EarlyStopping must be \"val_loss\" (the weighted sum of the task losses) for [MultiTask] but is \"val_digit_accuracy\"");
    }

    [Fact]
    public void A_model_of_two_inputs_is_SD3043_at_MultiTask()
    {
        string source = Source(DigitTask).Replace("[Model(\"x: B,1,8,8\")]", "[Model(\"x: B,1,8,8; y: B,1,8,8\")]")
            .Replace("[Flatten, Linear(32)", "[Add(\"x\", \"y\"), Flatten, Linear(32)")
            .Replace("[Dataset(\"x: 1,8,8\"", "[Dataset(\"x: 1,8,8; y: 1,8,8\"")
            .Replace("public partial class Digits : IDataSource", "public partial class Digits : IDataSource, ISampleSource")
            .Replace("{ public LabelledData Load() => throw new System.NotSupportedException(); }",
                "{ public LabelledData Load() => throw new System.NotSupportedException(); public SampleSet LoadSamples() => throw new System.NotSupportedException(); }");
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Crashes);
        Assert.Contains(run.SciDslDiagnostics, d => d.Id == "SD3043" && d.Location.GetLineSpan().StartLinePosition.Line + 1 == MultiTaskLine &&
            d.GetMessage().Contains("[MultiTask] trains models of one input, but model TwoHeads takes 2"));
    }
}
