using System.Diagnostics;
using System.Globalization;
using SciDsl;
using SciDsl.Samples;
using SciDsl.Samples.SequenceTransformer;
using TorchSharp;
using Tensor = TorchSharp.torch.Tensor;

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
using var torchScores = Infer(model, test.Features);
using var onnxScores = OnnxRuntimeCheck.Run(onnxPath, MotifTransformer.Signature, test.Features);
double maxAbsDiff = OnnxRuntimeCheck.MaxAbsDifference(torchScores, onnxScores);
double torchAccuracy = Accuracy(torchScores, test.Targets);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    held-out sequences:       {test.Targets.shape[0]} (5 classes, chance 20 %)
    TorchSharp accuracy:      {torchAccuracy:P2}
    ONNX Runtime accuracy:    {Accuracy(onnxScores, test.Targets):P2}
    max |TorchSharp - ONNX|:  {maxAbsDiff:E2}
    ONNX model:               {onnxPath}
    """));
for (int label = 0; label < MotifGrammar.ClassNames.Length; label++)
{
    using var members = test.Targets.eq(label);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {MotifGrammar.ClassNames[label],-20} {Accuracy(torchScores[members], test.Targets[members]):P1}"));
}
return torchAccuracy >= 0.9 && maxAbsDiff <= OnnxRuntimeCheck.Tolerance ? 0 : 1;

static Tensor Infer(MotifTransformer model, Tensor tokens)
{
    using var noGrad = torch.no_grad();
    return model.forward(tokens);
}

/// <summary>The share of rows whose highest score is at the label's index.</summary>
static double Accuracy(Tensor scores, Tensor labels)
{
    using var hits = scores.argmax(1).eq(labels).to(torch.float32);
    return hits.mean().item<float>();
}
