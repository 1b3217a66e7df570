using System.Diagnostics;
using System.Globalization;
using SciDsl;
using SciDsl.Samples.Digits;
using SciDsl.Samples.FewLabels;
using TorchSharp;

// Digits with 5 % of the labels: supervised training on the 71 labelled images against ways of also using the 1,366
// unlabelled ones. Each row trains declared experiments (Experiments.cs) and scores a model on the 360 test images.
var options = new TrainOptions { Progress = ProgressMode.None };
var testImages = FixedSplit.Features("test");
var testLabels = FixedSplit.Targets("test");
double TestAccuracy(torch.nn.Module<torch.Tensor, torch.Tensor> model)
{
    model.eval();
    using var noGrad = torch.no_grad();
    return model.forward(testImages).argmax(1).eq(testLabels).to_type(torch.ScalarType.Float32).mean().item<float>();
}

// Pretrained once, in the first row that needs it (its time counts there); the probe and fine-tuning use the 71 labels.
var simClr = new Lazy<SelfSupervisedResult<DigitSimClr>>(() => new SimClrPretraining().Run(options));
var labelled = new LabelledDigits();
var labelledData = labelled.Load();
var fineTuning = new TrainConfig(Loss.CrossEntropy, Optim.Adam, LearningRate: 3e-4, Epochs: 30, BatchSize: 16, Seed: 0, ValidationSplit: 0);

var rows = new List<(string Method, Func<double> TrainAndScore, double Margin)>
{
    ("supervised only (5 % labels)", () => TestAccuracy(new SupervisedOnly().Run(options).Model), 0),
    ("pseudo-labelling", () => TestAccuracy(new PseudoLabelling().Run(options).Model), 0.01),
    ("FixMatch", () => TestAccuracy(new FixMatch().Run(options).Model), 0.01),
    ("mean teacher (teacher)", () => TestAccuracy(new MeanTeacher().Run(options).Model), 0.01),
    ("SimCLR + linear probe", () => simClr.Value.LinearProbe(labelledData.Features, labelledData.Targets, testImages, testLabels).Test, 0.01),
    ("SimCLR + fine-tune", () => TestAccuracy(simClr.Value.FineTune(fineTuning, labelled, LabelledDigits.Signature, options).Model), 0.01),
};

Console.WriteLine($"{"method",-30} {"test accuracy",13} {"bar",8} {"time",7}");
double? supervised = null;
bool allPass = true;
foreach (var (method, trainAndScore, margin) in rows)
{
    var clock = Stopwatch.StartNew();
    double accuracy = trainAndScore();
    supervised ??= accuracy;
    // Every method after the first must beat supervised-only by its margin.
    double bar = supervised.Value + margin;
    bool pass = margin == 0 || accuracy >= bar;
    allPass &= pass;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{method,-30} {accuracy,13:P1} {(margin == 0 ? "" : $"≥{bar:P1}"),8} {clock.Elapsed.TotalSeconds,6:F0}s{(pass ? "" : "  MISSED")}"));
}
return allPass ? 0 : 1;
