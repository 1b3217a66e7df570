using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SciDsl;
using SciDsl.Samples.SequenceTransformer;
using TorchSharp;

// 1. Declared in MotifTransformer.cs; its shapes were checked when this sample was built.
Console.WriteLine(new MotifTransformer().Summary());
Console.WriteLine($"e.g. {MotifGrammar.Sample(3, new Random(0))}  ({MotifGrammar.ClassNames[3]})");

// 2. Train on 5,000 generated sequences, with a checkpoint after every epoch.
var clock = Stopwatch.StartNew();
TrainingResult<MotifTransformer> result;
try
{
    result = new MotifExperiment().Run();
}
catch (Exception e) when (e is IOException or DataShapeException or TrainingDivergedException)
{
    Console.Error.WriteLine($"training failed: {e.Message}");
    return 2;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"trained {result.History.Count} epochs in {clock.Elapsed.TotalSeconds:F1} s; checkpoint: {result.CheckpointPath}"));

// 3. Export to ONNX and run both engines on 1,000 held-out sequences from another seed.
var model = result.Model;
model.eval();
string onnxPath = Path.GetFullPath("motif-transformer.onnx");
model.ExportOnnx(onnxPath);

var test = new MotifSequences { Count = 1000, Seed = 2 }.Load();
float[] torchLogits;
using (torch.no_grad())
using (var logits = model.forward(test.Features))
    torchLogits = logits.data<float>().ToArray();
float[] onnxLogits = RunOnnx(onnxPath, test.Features);

long[] labels = test.Targets.data<long>().ToArray();
double torchAccuracy = Accuracy(torchLogits, labels);
double onnxAccuracy = Accuracy(onnxLogits, labels);
float maxAbsDiff = torchLogits.Zip(onnxLogits, (a, b) => Math.Abs(a - b)).Max();

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    held-out sequences:       {labels.Length} (5 classes, chance 20 %)
    TorchSharp accuracy:      {torchAccuracy:P2}
    ONNX Runtime accuracy:    {onnxAccuracy:P2}
    max |TorchSharp - ONNX|:  {maxAbsDiff:E2}
    ONNX model:               {onnxPath}
    """));
return torchAccuracy >= 0.9 && maxAbsDiff <= 1e-4 ? 0 : 1;

static float[] RunOnnx(string path, torch.Tensor tokens)
{
    using var session = new InferenceSession(path);
    var input = new DenseTensor<long>(tokens.data<long>().ToArray(), tokens.shape.Select(d => (int)d).ToArray());
    using var outputs = session.Run([NamedOnnxValue.CreateFromTensor(MotifTransformer.Signature.Inputs[0].Name, input)]);
    return outputs.First().AsEnumerable<float>().ToArray();
}

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
