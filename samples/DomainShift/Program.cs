using System.Diagnostics;
using System.Globalization;
using SciDsl;
using SciDsl.Samples.DomainShift;
using TorchSharp;

// Digits from one instrument (labelled) and from a second, noisier, low-contrast one (unlabelled for training; its
// labels only score the result). Source-only training, DANN and Deep CORAL, same model, seed and epochs.
const double RequiredGain = 0.03;
var target = new ShiftedDigits().Load();
var options = new TrainOptions { Progress = ProgressMode.None };
var clock = Stopwatch.StartNew();
var rows = new List<(string Method, double Accuracy)>();
try
{
    rows.Add(Train("source only", () => new SourceOnly().Run(options).Model));
    rows.Add(Train("DANN", () => new DannAdapted().Run(options).Model));
    rows.Add(Train("Deep CORAL", () => new CoralAdapted().Run(options).Model));
}
catch (Exception e) when (e is IOException or DataFormatException or DataShapeException or TrainingDivergedException or CheckpointException)
{
    Console.Error.WriteLine($"training failed: {e.Message}");
    return 2;
}

double baseline = rows[0].Accuracy;
Console.WriteLine($"{"method",-12} | target accuracy | gain over source only");
Console.WriteLine($"{new string('-', 12)} | --------------- | ---------------------");
foreach (var (method, accuracy) in rows)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{method,-12} | {accuracy,15:P1} | {(method == rows[0].Method ? "" : $"{(accuracy - baseline) * 100:+0.0;-0.0} points"),21}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({target.Count} target images, {clock.Elapsed.TotalSeconds:F0} s)"));

var missed = rows.Skip(1).Where(row => row.Accuracy < baseline + RequiredGain).ToList();
foreach (var (method, accuracy) in missed)
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{method} reached {accuracy:P1} on the target instrument, short of source only {baseline:P1} + {RequiredGain * 100:F0} points."));
return missed.Count == 0 ? 0 : 1;

(string, double) Train(string method, Func<ShiftNet> run)
{
    Console.WriteLine($"training {method} ...");
    return (method, TargetAccuracy(run()));
}

double TargetAccuracy(ShiftNet model)
{
    model.eval();
    using var noGrad = torch.no_grad();
    return model.forward(target.Features).argmax(1).eq(target.Targets).to_type(torch.ScalarType.Float32).mean().item<float>();
}
