using System.Diagnostics;
using System.Globalization;
using SciDsl;
using SciDsl.Samples.Digits;
using SciDsl.Samples.FewLabels;
using TorchSharp;

// Digits with 5 % of the labels: supervised training on the 71 labelled images against three ways of also using the
// 1,366 unlabelled ones. Each row trains one declared experiment (Experiments.cs) and scores it on the 360 test images.
var options = new TrainOptions { Progress = ProgressMode.None };
var rows = new List<(string Method, Func<DigitCnn> Train, double Margin)>
{
    ("supervised only (5 % labels)", () => new SupervisedOnly().Run(options).Model, 0),
    ("pseudo-labelling", () => new PseudoLabelling().Run(options).Model, 0.01),
    ("FixMatch", () => new FixMatch().Run(options).Model, 0.01),
    ("mean teacher (teacher)", () => new MeanTeacher().Run(options).Model, 0.01),
};

var testImages = FixedSplit.Features("test");
var testLabels = FixedSplit.Targets("test");
double TestAccuracy(DigitCnn model)
{
    model.eval();
    using var noGrad = torch.no_grad();
    return model.forward(testImages).argmax(1).eq(testLabels).to_type(torch.ScalarType.Float32).mean().item<float>();
}

Console.WriteLine($"{"method",-30} {"test accuracy",13} {"bar",8} {"time",7}");
double? supervised = null;
bool allPass = true;
foreach (var (method, train, margin) in rows)
{
    var clock = Stopwatch.StartNew();
    double accuracy = TestAccuracy(train());
    supervised ??= accuracy;
    // Every method after the first must beat supervised-only by its margin.
    double bar = supervised.Value + margin;
    bool pass = margin == 0 || accuracy >= bar;
    allPass &= pass;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{method,-30} {accuracy,13:P1} {(margin == 0 ? "" : $"≥{bar:P1}"),8} {clock.Elapsed.TotalSeconds,6:F0}s{(pass ? "" : "  MISSED")}"));
}
return allPass ? 0 : 1;
