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

    /// <summary>
    /// <c>"class: 10"</c> (class index among 10) or <c>"value: 3"</c> (3 real numbers to regress); per position,
    /// <c>"class: 2 per pixel"</c> (a segmentation mask: one class index per pixel of an image sample <c>C,H,W</c>) or
    /// <c>"class: 4 per node"</c> (one class per node of a graph sample <c>N,F</c>; -1 marks a node without a label,
    /// left out of the loss and the metrics: the train mask).
    /// </summary>
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
    /// <summary>Mean absolute error on real-valued targets.</summary>
    L1,
    /// <summary>Huber loss on real-valued targets: squared below <see cref="SupervisedAttribute.HuberDelta"/>, absolute above.</summary>
    Huber,
    /// <summary>Multi-label: binary cross-entropy on logits, one independent label per output ("value: N" targets of 0 or 1).</summary>
    BCEWithLogits,
    /// <summary>
    /// Soft Dice loss on class targets, for segmentation: 1 − the mean over classes of 2·Σ p·y / (Σ p + Σ y), with p the
    /// softmax of the logits and y the one-hot targets over every pixel (or node) of the batch.
    /// </summary>
    Dice,
}

/// <summary>Plain supervised learning on labelled samples.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SupervisedAttribute(Loss loss) : Attribute
{
    public Loss Loss { get; } = loss;

    /// <summary>Cross-entropy only: the share of the target mass spread evenly over all classes, in [0, 1).</summary>
    public double LabelSmoothing { get; set; }

    /// <summary>Cross-entropy only: one non-negative weight per class, scaling that class's loss (for imbalanced classes).</summary>
    public double[]? ClassWeights { get; set; }

    /// <summary>Huber only: where the loss turns from squared to absolute.</summary>
    public double HuberDelta { get; set; } = 1.0;
}

/// <summary>How the learning rate changes over training, after an optional linear warm-up.</summary>
public enum LrSchedule
{
    /// <summary>The optimizer's learning rate throughout (after any warm-up).</summary>
    Constant,
    /// <summary>Multiplied by <see cref="ScheduleAttribute.Gamma"/> every <see cref="ScheduleAttribute.StepEpochs"/> epochs.</summary>
    Step,
    /// <summary>Cosine annealing from the learning rate to zero over the steps after the warm-up.</summary>
    Cosine,
    /// <summary>One cycle: up linearly from LR/25 to the learning rate over the warm-up (30 % of the steps by default), then cosine annealing to zero.</summary>
    OneCycle,
}

/// <summary>A learning-rate schedule, applied before every optimizer step to every optimizer's learning rate.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ScheduleAttribute(LrSchedule schedule) : Attribute
{
    public LrSchedule Schedule { get; } = schedule;

    /// <summary>Epochs of linear warm-up from LR/steps to LR (OneCycle: from LR/25); 0 = none (OneCycle: 30 % of the steps).</summary>
    public int WarmupEpochs { get; set; }

    /// <summary>Step schedule: epochs between decays.</summary>
    public int StepEpochs { get; set; } = 10;

    /// <summary>Step schedule: the factor of each decay, in (0, 1].</summary>
    public double Gamma { get; set; } = 0.1;
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

    /// <summary>
    /// Fraction of samples held out for testing, in [0, 1) with <see cref="ValidationSplit"/> + this below 1; never seen
    /// in training or model selection, evaluated once with the returned weights (<c>TrainingResult.Test</c>). 0 = none.
    /// </summary>
    public double TestSplit { get; set; }

    /// <summary>Rescale gradients so their global L2 norm is at most this before each step; 0 = no clipping.</summary>
    public double GradientClipNorm { get; set; }

    /// <summary>
    /// The metric that picks the best epoch (whose weights <c>Run</c> returns) and that <see cref="Patience"/> watches:
    /// <c>val_loss</c>, or <c>val_</c> + a validation metric of the loss (<c>accuracy</c>, <c>balanced_accuracy</c>,
    /// <c>macro_f1</c>, <c>roc_auc</c> for cross-entropy; <c>accuracy</c>, <c>macro_f1</c>, <c>roc_auc</c> over the labels for
    /// <c>BCEWithLogits</c>; <c>mse</c>, <c>mae</c>, <c>r2</c> for regression losses). A metric the validation split leaves
    /// undefined (one class for ROC AUC, constant targets for R²) fails the run with a message saying so.
    /// </summary>
    public string EarlyStopping { get; set; } = "val_loss";

    /// <summary>Stop after this many epochs without improvement of <see cref="EarlyStopping"/>; 0 = never stop early.</summary>
    public int Patience { get; set; }

    /// <summary>
    /// Where the model trains: <see cref="ComputeDevice.Auto"/> (CUDA when the application references a CUDA TorchSharp
    /// backend and a GPU is visible, else the CPU), <see cref="ComputeDevice.Cpu"/> or <see cref="ComputeDevice.Cuda"/>.
    /// <c>TrainOptions.Device</c> overrides it.
    /// </summary>
    public ComputeDevice Device { get; set; }

    /// <summary>
    /// Standardise the first input per feature, <c>(x - mean) / std</c>, with statistics fitted on the training split only,
    /// applied to validation and test, and saved beside the checkpoint, so <c>Predictor.Load</c> takes raw inputs.
    /// </summary>
    public bool Normalize { get; set; }
}
