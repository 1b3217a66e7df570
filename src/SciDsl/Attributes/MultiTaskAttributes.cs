namespace SciDsl;

/// <summary>
/// Trains one model on several tasks at once: each <see cref="TaskAttribute"/> names one of the model's outputs, the
/// columns of the data set's value targets it learns from, its loss and its weight; the training loss is the weighted
/// sum of the task losses, and validation reports each task's metrics as <c>val_&lt;task&gt;_&lt;metric&gt;</c>.
/// <code>
/// [Dataset("x: 1,8,8", Target = "value: 2")]          // column 0: the digit (0–9), column 1: its ink mass
/// public partial class DigitsWithInk : IDataSource { ... }
///
/// [Model("x: B,1,8,8")]
/// [Flatten, Linear(64), ReLU(Name = "trunk")]
/// [Linear(10, Name = "digit"), Linear(1, From = "trunk", Name = "ink")]
/// [Output("digit", "ink")]
/// public partial class TwoHeads;
///
/// [Experiment(typeof(TwoHeads), typeof(DigitsWithInk))]
/// [MultiTask]
/// [Task("digit", Loss.CrossEntropy, Columns = "0")]
/// [Task("ink", Loss.MSE, Columns = "1", Weight = 0.5)]
/// public partial class DigitAndInk;
/// </code>
/// See <see cref="MultiTaskTrainer"/> and docs/paradigms.md.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class MultiTaskAttribute : Attribute;

/// <summary>
/// One task of a <see cref="MultiTaskAttribute"/> experiment: the model output (a node named in <c>[Output(...)]</c>)
/// that predicts it and the loss that trains it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TaskAttribute(string output, Loss loss) : Attribute
{
    /// <summary>The model output (a node named in <c>[Output(...)]</c>); also the task's name in metrics.</summary>
    public string Output { get; } = output;

    /// <summary><see cref="SciDsl.Loss.CrossEntropy"/> (one column of class indices 0…width-1, the output's width is the class count) or <see cref="SciDsl.Loss.MSE"/>, <see cref="SciDsl.Loss.L1"/>, <see cref="SciDsl.Loss.Huber"/> (as many columns as the output is wide).</summary>
    public Loss Loss { get; } = loss;

    /// <summary>The columns of the data set's <c>value: k</c> targets this task learns from: one column <c>"2"</c>, or a C# range <c>"1..3"</c> (columns 1 and 2).</summary>
    public string Columns { get; set; } = "";

    /// <summary>The task loss's weight in the summed training loss, finite and &gt; 0.</summary>
    public double Weight { get; set; } = 1.0;
}
