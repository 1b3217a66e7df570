namespace SciDsl;

/// <summary>
/// Declares a data source: the shape of one sample and the kind of target.
/// The class implements <see cref="IDataSource"/>; the generator adds its <c>Signature</c>.
/// </summary>
/// <param name="sample">One sample's shape without the batch dim, e.g. <c>"x: 1,8,8"</c>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DatasetAttribute(string sample) : Attribute
{
    public string Sample { get; } = sample;

    /// <summary><c>"class: 10"</c> (class index among 10) or <c>"value: 3"</c> (3 real numbers to regress).</summary>
    public string Target { get; set; } = "";
}

/// <summary>Declares an experiment: a model trained on a data source.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ExperimentAttribute(Type model, Type data) : Attribute
{
    public Type Model { get; } = model;
    public Type Data { get; } = data;

    /// <summary>
    /// The model's constructor sizes (its unbound size symbols, such as <c>H</c> in <c>[Linear("H")]</c>), e.g.
    /// <c>"H=128"</c> or <c>"H=128, D=32"</c>; each positive. The experiment builds <c>new Model(128)</c>.
    /// </summary>
    public string Sizes { get; set; } = "";
}

public enum Loss
{
    /// <summary>Cross-entropy on logits over class indices.</summary>
    CrossEntropy,
    /// <summary>Mean squared error on real-valued targets.</summary>
    MSE,
}

/// <summary>Plain supervised learning on labelled samples.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SupervisedAttribute(Loss loss) : Attribute
{
    public Loss Loss { get; } = loss;
}

public enum Optim
{
    Adam,
    /// <summary>Stochastic gradient descent, with <see cref="OptimizerAttribute.Momentum"/>.</summary>
    SGD,
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class OptimizerAttribute(Optim optimizer) : Attribute
{
    public Optim Optimizer { get; } = optimizer;
    public double LearningRate { get; set; } = 1e-3;
    /// <summary>SGD momentum (ignored by Adam).</summary>
    public double Momentum { get; set; }
    public double WeightDecay { get; set; }
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TrainAttribute : Attribute
{
    public int Epochs { get; set; } = 10;
    public int BatchSize { get; set; } = 32;
    public int Seed { get; set; } = 42;
    /// <summary>Fraction of samples held out for validation, in [0, 1).</summary>
    public double ValidationSplit { get; set; } = 0.2;
}
