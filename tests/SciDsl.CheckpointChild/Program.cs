// A small training run of one paradigm that the checkpoint kill tests start, kill at chosen instants and resume:
//   SciDsl.CheckpointChild <paradigm> <checkpoint> fresh|resume [BeforeRename|AfterRename|Batch <epoch>]
// With a stage and epoch it prints "paused <stage> <epoch>" at that point of that epoch's checkpoint commit, or after
// that epoch's first training batch for Batch, and waits there to be killed. Progress lines go to stdout, so the
// parent can also kill it mid-training.
using System.Globalization;
using SciDsl;
using SciDsl.Samples.Digits;
using SciDsl.Samples.DomainShift;
using SciDsl.Samples.FewLabels;
using SciDsl.Samples.Generative;
using SciDsl.Tests.Training;
using TorchSharp;

string paradigm = args[0];
string checkpoint = args[1];
bool resume = args[2] == "resume";
if (args.Length == 5)
{
    string pauseStage = args[3];
    int pauseEpoch = int.Parse(args[4], CultureInfo.InvariantCulture);
    void Pause()
    {
        Console.WriteLine($"paused {pauseStage} {pauseEpoch}");
        Thread.Sleep(Timeout.Infinite);
    }
    if (pauseStage == "Batch")
        TrainingObserver.BatchCompleted = (epoch, batch) => { if (epoch == pauseEpoch && batch == 1) Pause(); };
    else
        CheckpointStore.CommitObserver = (stage, epoch) => { if (stage.ToString() == pauseStage && epoch == pauseEpoch) Pause(); };
}

var options = new TrainOptions { CheckpointPath = checkpoint, Resume = resume, Progress = ProgressMode.Plain, Log = Console.Out };
ParadigmRuns.Run(paradigm, options);
Console.WriteLine("done");

/// <summary>Each paradigm on the small models and data its own tests use, with every epoch several batches long.</summary>
internal static class ParadigmRuns
{
    public static void Run(string paradigm, TrainOptions options)
    {
        var classify = new TrainConfig(Loss.CrossEntropy, Optim.Adam, Epochs: 4, BatchSize: 16, Seed: 3, ValidationSplit: 0.2);
        switch (paradigm)
        {
            case "supervised":
                var config = new TrainConfig(Loss.MSE, Optim.Adam, LearningRate: 0.01, Epochs: 8, BatchSize: 8, Seed: 5, ValidationSplit: 0.25);
                SupervisedTrainer.Run(config, () => new Mlp(3, 16, 1), new LinearData(1200), LinearData.Signature, options);
                break;
            case "pseudolabel" or "fixmatch" or "meanteacher":
                // λ > 0 from epoch 2 and a low threshold, so the resumed epochs learn from the unlabelled samples.
                var method = paradigm switch
                {
                    "pseudolabel" => SemiSupervisedMethod.PseudoLabel,
                    "fixmatch" => SemiSupervisedMethod.FixMatch,
                    _ => SemiSupervisedMethod.MeanTeacher,
                };
                FewLabelDigits.Shared.Value.Train(classify, new SemiSupervisedSettings(Threshold: 0.5, RampUpEpochs: 1, Method: method), options);
                break;
            case "transfer":
                torch.manual_seed(11);
                var pretrained = new DigitCnn();
                TransferTrainer.Run(classify, () => new DigitCnn(), FewLabelDigits.Shared.Value.Labelled, DigitImages.Signature,
                    new TransferSettings(() => PretrainedWeights.FromModel(pretrained)) { ReplaceHead = ["linear_2"], PretrainedRate = 0.1 }, options);
                break;
            case "contrastive":
                var views = Augmentation.Compose(Augmentation.RandomCrop(1), Augmentation.Noise(0.1));
                SelfSupervisedTrainer.Run(new TrainConfig(Loss.MSE, Optim.Adam, Epochs: 4, BatchSize: 64, Seed: 5, ValidationSplit: 0.25, Augmentation: views),
                    () => new DigitSimClr(), FewLabelDigitSplit.Instance.Value.Train.narrow(0, 0, 256), new SelfSupervisedSettings(SelfSupervisedMethod.Contrastive), options);
                break;
            case "dann" or "coral":
                var adaptation = paradigm == "dann" ? Adaptation.Dann : Adaptation.Coral;
                DomainAdaptationTrainer.Run(classify with { BatchSize = 64 }, () => new ShiftNet(), new SourceDigits(), new ShiftedDigits().Load().Features,
                    SourceDigits.Signature, new DomainAdaptationSettings(adaptation, "features"), options);
                break;
            case "multitask":
                // One trunk, two heads: the linear law's value (MSE) and whether it exceeds 1 (cross-entropy).
                var law = new LinearData(1200).Load();
                var twoTargets = torch.stack([law.Targets, (law.Targets > 1).to(torch.float32)], 1);
                MultiTaskTrainer.Run(new TrainConfig(Loss.MSE, Optim.Adam, LearningRate: 0.01, Epochs: 4, BatchSize: 16, Seed: 5, ValidationSplit: 0.25),
                    () => new Mlp(3, 16, 3), (model, x) => { var output = model.forward(x); return [output[.., 0..1], output[.., 1..3]]; },
                    new FixedData(law.Features, twoTargets), new DatasetSignature(new TensorSignature("x", TensorElementType.Float32, ["3"]), TargetKind.Value, 2),
                    [new TrainingTask("value", Loss.MSE, 0), new TrainingTask("above", Loss.CrossEntropy, 1)], options);
                break;
            case "vae":
                // β still rising after the kill, so the resumed epochs must get it from the epoch alone.
                VaeTrainer.Run(new TrainConfig(Loss.BCEWithLogits, Optim.Adam, Epochs: 4, BatchSize: 128, Seed: 3), () => new DigitVae(),
                    (model, x) =>
                    {
                        var (reconstruction, mean, logVariance) = model.forward(x);
                        return new VaeOutputs(reconstruction, mean, logVariance);
                    },
                    new DigitImages(), DigitImages.Signature, options, new VaeSettings(Beta: 2, KlWarmupEpochs: 3));
                break;
            case "gan":
                GanTrainer.Run(new TrainConfig(Loss.BCEWithLogits, Optim.Adam, Epochs: 4, BatchSize: 256, Seed: 3), () => new PointGenerator(),
                    () => new PointDiscriminator(), 4, new GaussianPoints(), GaussianPoints.Signature, options);
                break;
            default:
                throw new ArgumentException($"unknown paradigm '{paradigm}'", nameof(paradigm));
        }
    }
}
