using System.Diagnostics;
using System.Globalization;
using SciDsl;
using SciDsl.Samples;
using SciDsl.Samples.Digits;
using TorchSharp;

// 1. Declared in DigitCnn.cs; its shapes were checked when this sample was built.
Console.WriteLine(new DigitCnn().Summary());

// 2. Train on the bundled digits, with a checkpoint after every epoch.
var clock = Stopwatch.StartNew();
TrainingResult<DigitCnn> result;
try
{
    result = new DigitsExperiment().Run();
}
catch (Exception e) when (e is IOException or DataFormatException or DataShapeException or TrainingDivergedException)
{
    // Problems with the data or the run itself: say what and where, without a stack trace.
    Console.Error.WriteLine($"training failed: {e.Message}");
    return 2;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"trained {result.History.Count} epochs in {clock.Elapsed.TotalSeconds:F1} s; checkpoint: {result.CheckpointPath}"));

// 3. Export to ONNX and run the file in ONNX Runtime on the validation images.
var model = result.Model;
model.eval();
string onnxPath = Path.GetFullPath("digits.onnx");
model.ExportOnnx(onnxPath);

var validation = new DigitImages().Load().ValidationPart(DigitsExperiment.Config, nameof(DigitImages));
torch.Tensor torchLogits;
using (torch.no_grad())
    torchLogits = model.forward(validation.Features);
using var disposeTorchLogits = torchLogits;
using var onnxLogits = OnnxRuntimeCheck.Run(onnxPath, DigitCnn.Signature, validation.Features);
float[] torchValues = torchLogits.data<float>().ToArray();

long[] labels = validation.Targets.data<long>().ToArray();
double torchAccuracy = Accuracy(torchValues, labels);
double onnxAccuracy = Accuracy(onnxLogits.data<float>().ToArray(), labels);
float maxAbsDiff = OnnxRuntimeCheck.MaxAbsDifference(torchLogits, onnxLogits);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    validation images:        {labels.Length}
    TorchSharp accuracy:      {torchAccuracy:P2}
    ONNX Runtime accuracy:    {onnxAccuracy:P2}
    max |TorchSharp - ONNX|:  {maxAbsDiff:E2}
    ONNX model:               {onnxPath}
    """));
return torchAccuracy >= 0.95 && maxAbsDiff <= OnnxRuntimeCheck.Tolerance ? 0 : 1;

static double Accuracy(float[] logits, long[] labels)
{
    int classes = logits.Length / labels.Length, correct = 0;
    for (int i = 0; i < labels.Length; i++)
    {
        var row = logits.AsSpan(i * classes, classes);
        int best = 0;
        for (int c = 1; c < classes; c++) if (row[c] > row[best]) best = c;
        if (best == labels[i]) correct++;
    }
    return (double)correct / labels.Length;
}
