using SciDsl.Samples.Digits;
using SciDsl.Tests.Training;
using static SciDsl.Tests.Training.TrainingAssertions;

namespace SciDsl.Tests.Experiments;

/// <summary>The 71 labelled digits of the fixed 5 % split.</summary>
[Dataset("x: 1,8,8", Target = "class: 10")]
public partial class FewLabelledDigits : IDataSource
{
    public LabelledData Load() => FewLabelDigits.Shared.Value.Labelled.Load();
}

/// <summary>The other 1,366 training digits, without their labels.</summary>
[Dataset("x: 1,8,8")]
public partial class UnlabelledDigits : ISampleSource
{
    public SampleSet LoadSamples() => new([("x", FewLabelDigits.Shared.Value.Unlabelled)]);
}

[Experiment(typeof(DigitCnn), typeof(FewLabelledDigits))]
[Supervised(Loss.CrossEntropy)]
[Train(Epochs = 2, Seed = 5, ValidationSplit = 0.2)]
[SemiSupervised(SemiSupervisedMethod.MeanTeacher, Unlabelled = typeof(UnlabelledDigits), UnlabelledWeight = 10, RampUpEpochs = 1, EmaDecay = 0.95)]
public partial class FewLabelMeanTeacher;

/// <summary>A declared <c>[SemiSupervised]</c> experiment: its generated <c>Run</c> is the semi-supervised trainer with the declared settings.</summary>
public sealed class SemiSupervisedExperimentTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_generated_Run_trains_the_declared_mean_teacher_like_a_direct_call()
    {
        Assert.Equal(new SemiSupervisedSettings(UnlabelledWeight: 10, RampUpEpochs: 1, Method: SemiSupervisedMethod.MeanTeacher, EmaDecay: 0.95),
            FewLabelMeanTeacher.SemiSupervised);

        var generated = new FewLabelMeanTeacher().Run(Quiet(temp.File("generated.ckpt")));
        var direct = SemiSupervisedTrainer.Run(FewLabelMeanTeacher.Config, () => new DigitCnn(), FewLabelDigits.Shared.Value.Labelled,
            FewLabelDigits.Shared.Value.Unlabelled, DigitImages.Signature, Quiet(temp.File("direct.ckpt")),
            new SemiSupervisedSettings(UnlabelledWeight: 10, RampUpEpochs: 1, Method: SemiSupervisedMethod.MeanTeacher, EmaDecay: 0.95));

        Assert.Equal(2, generated.History.Count);
        Assert.NotNull(generated.Validation);
        Assert.Equal(Weights(direct.Model), Weights(generated.Model));
        Assert.Equal(Values(direct.History), Values(generated.History));
    }
}
