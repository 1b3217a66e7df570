using System.Diagnostics;
using System.Globalization;
using SciDsl;
using SciDsl.Samples;
using SciDsl.Samples.CellSegmentation;
using TorchSharp;

var clock = Stopwatch.StartNew();

// 1. The experiment declared in CellSegmentationExperiment.cs: the U-Net of CellUNet.cs (its skip concatenations and
//    its two logits per pixel against the per-pixel mask were checked at build time), trained on synthetic images.
var result = new CellSegmentationExperiment().Run();
using var model = result.Model;
Console.WriteLine(model.Summary());
var config = CellSegmentationExperiment.Config;
var test = result.Test!;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"trained {result.History.Count} epochs in {clock.Elapsed.TotalSeconds:F1} s; loss {result.History[0].TrainLoss:F4} -> {result.Final.TrainLoss:F4}; best epoch {result.BestEpoch}"));

// 2. The held-out test images (the run's TestSplit), scored in TorchSharp, then exported to ONNX and scored in ONNX Runtime.
var testPart = new SyntheticCellImages().Load().TestPart(config);
torch.Tensor logits;
model.eval();
using (torch.no_grad()) logits = model.forward(testPart.Features);
string onnxPath = Path.GetFullPath("cell-segmentation.onnx");
model.ExportOnnx(onnxPath);
var onnxLogits = OnnxRuntimeCheck.Run(onnxPath, CellUNet.Signature, testPart.Features);
double iou = CellScoring.CellIntersectionOverUnion(logits, testPart.Targets);
double onnxIou = CellScoring.CellIntersectionOverUnion(onnxLogits, testPart.Targets);
float maxAbsDiff = OnnxRuntimeCheck.MaxAbsDifference(logits, onnxLogits);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    test images:                 {testPart.Count} (32×32, {testPart.Targets.to_type(torch.ScalarType.Float32).mean().item<float>():P1} cell pixels)
    cell IoU, TorchSharp:        {iou:F3}
    cell IoU, ONNX Runtime:      {onnxIou:F3}
    mean IoU / Dice (2 classes): {test.Metrics["iou"]:F3} / {test.Metrics["dice"]:F3}
    pixel accuracy:              {test.Accuracy:F3}
    max |TorchSharp - ONNX|:     {maxAbsDiff:E2}
    ONNX model:                  {onnxPath}
    total time:                  {clock.Elapsed.TotalSeconds:F1} s
    """));
return iou >= 0.8 && maxAbsDiff <= OnnxRuntimeCheck.Tolerance ? 0 : 1;
