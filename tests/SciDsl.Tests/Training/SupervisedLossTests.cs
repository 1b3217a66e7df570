using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Training;

/// <summary>
/// Each loss and its options, on a model that outputs a fixed row whatever its input, so the loss of a batch is
/// worked out by hand (in the comments) and compared with what a supervised training step reports.
/// </summary>
public class SupervisedLossTests
{
    private static readonly double Ln2 = Math.Log(2), Ln3 = Math.Log(3), Ln4 = Math.Log(4);

    [Fact]
    public void Cross_entropy_with_label_smoothing()
    {
        // Logits [0, ln 3] give p = [1/4, 3/4]. Smoothing 0.2 over 2 classes: 0.8 · (−ln p₀) + 0.1 · (−ln p₀ − ln p₁).
        double loss = LossOf(new TrainConfig(Loss.CrossEntropy, Optim.SGD, LabelSmoothing: 0.2), [0, (float)Ln3], tensor(new long[] { 0, 0, 0 }), TargetKind.Class);
        Assert.Equal(0.8 * Ln4 + 0.1 * (Ln4 + Math.Log(4.0 / 3)), loss, 5);
    }

    [Fact]
    public void Cross_entropy_with_class_weights_is_the_weighted_mean()
    {
        // Targets 0 and 1 with weights 1 and 3: (1 · ln 4 + 3 · ln(4/3)) / (1 + 3).
        double loss = LossOf(new TrainConfig(Loss.CrossEntropy, Optim.SGD, ClassWeights: [1, 3]), [0, (float)Ln3], tensor(new long[] { 0, 1 }), TargetKind.Class);
        Assert.Equal((Ln4 + 3 * Math.Log(4.0 / 3)) / 4, loss, 5);
    }

    [Fact]
    public void L1_is_the_mean_absolute_error()
    {
        // Output 1 against targets 0.5 and 3: (0.5 + 2) / 2.
        Assert.Equal(1.25, LossOf(new TrainConfig(Loss.L1, Optim.SGD), [1], tensor(new[] { 0.5f, 3f }).reshape(2, 1), TargetKind.Value), 5);
    }

    [Fact]
    public void Huber_is_squared_below_delta_and_absolute_above()
    {
        // Errors 0.5 and 2 with δ = 1: ½ · 0.5² = 0.125 and 1 · (2 − ½) = 1.5; mean 0.8125.
        Assert.Equal(0.8125, LossOf(new TrainConfig(Loss.Huber, Optim.SGD, HuberDelta: 1), [1], tensor(new[] { 0.5f, 3f }).reshape(2, 1), TargetKind.Value), 5);
    }

    [Fact]
    public void BCE_with_logits_treats_each_output_as_its_own_label()
    {
        // Logits [0, ln 3] against labels [1, 0]: −ln σ(0) = ln 2 and −ln(1 − σ(ln 3)) = ln 4; mean 1.5 · ln 2.
        Assert.Equal(1.5 * Ln2, LossOf(new TrainConfig(Loss.BCEWithLogits, Optim.SGD), [0, (float)Ln3], tensor(new[] { 1f, 0f }).reshape(1, 2), TargetKind.Value), 5);
    }

    [Fact]
    public void Dice_is_one_minus_the_mean_soft_Dice_over_classes()
    {
        // p = [1/4, 3/4] for both samples, labels 0 and 1; soft Dice (2·Σp·y + 1) / (Σp + Σy + 1) per class:
        // class 0: (2 · 1/4 + 1) / (1/2 + 1 + 1) = 0.6; class 1: (2 · 3/4 + 1) / (3/2 + 1 + 1) = 5/7.
        double loss = LossOf(new TrainConfig(Loss.Dice, Optim.SGD), [0, (float)Ln3], tensor(new long[] { 0, 1 }), TargetKind.Class);
        Assert.Equal(1 - (0.6 + 5.0 / 7) / 2, loss, 5);
    }

    private static double LossOf(TrainConfig config, float[] output, Tensor targets, TargetKind kind)
    {
        int count = (int)targets.shape[0];
        var signature = new DatasetSignature(new TensorSignature("x", TensorElementType.Float32, ["4"]), kind, output.Length);
        var model = new FixedOutput(output);
        using var split = DataSplit.Create(new LabelledData(zeros(count, 4), targets), 0, 1, "Fixed");
        using var optimizer = optim.SGD(model.parameters(), 0.1);
        var paradigm = new SupervisedParadigm(config, model, nameof(FixedOutput), "Fixed", signature, split, optimizer);
        long[] all = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        return paradigm.TrainStep(all, new TrainingStep(1, 1, null, null)).Loss;
    }

    /// <summary>Outputs the same row for every sample; its one parameter only keeps the loss differentiable.</summary>
    private sealed class FixedOutput : nn.Module<Tensor, Tensor>
    {
        private readonly Tensor row;
        private readonly TorchSharp.Modules.Parameter weight = nn.Parameter(zeros(1));

        public FixedOutput(float[] row) : base(nameof(FixedOutput))
        {
            this.row = tensor(row).unsqueeze(0);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => row.expand(input.shape[0], -1) + weight * 0;
    }
}
