using System.Diagnostics;
using System.Globalization;
using SciDsl;
using SciDsl.Samples;
using SciDsl.Samples.CellSegmentation;
using TorchSharp;

const int TrainImages = 640, HeldOutImages = 160, Epochs = 10;
// One intra-op thread: these models are small enough that a second thread gains little, while libtorch's
// thread pool, spinning while it waits, ran many times slower on a machine busy with other work.
var clock = Stopwatch.StartNew();

// 1. Synthetic data: training and held-out images come from different seeds, so no image is in both.
var (trainImages, trainMasks) = SyntheticCells.Generate(TrainImages, seed: 1);
var (testImages, testMasks) = SyntheticCells.Generate(HeldOutImages, seed: 2);

// 2. The U-Net declared in CellUNet.cs (its skip concatenations were shape-checked at build time), trained per pixel.
torch.manual_seed(42);
using var model = new CellUNet();
Console.WriteLine(model.Summary());
var losses = CellSegmentationTraining.Train(model, trainImages, trainMasks, Epochs, seed: 42);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"trained {Epochs} epochs on {TrainImages} images in {clock.Elapsed.TotalSeconds:F1} s; loss {losses[0]:F4} -> {losses[^1]:F4}"));

// 3. Score the held-out images, export to ONNX and score ONNX Runtime's logits the same way.
torch.Tensor logits;
using (torch.no_grad()) logits = model.forward(testImages);
string onnxPath = Path.GetFullPath("cell-segmentation.onnx");
model.ExportOnnx(onnxPath);
var onnxLogits = OnnxRuntimeCheck.Run(onnxPath, CellUNet.Signature, testImages);
double iou = CellSegmentationTraining.IntersectionOverUnion(logits, testMasks);
double onnxIou = CellSegmentationTraining.IntersectionOverUnion(onnxLogits, testMasks);
float maxAbsDiff = OnnxRuntimeCheck.MaxAbsDifference(logits, onnxLogits);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    held-out images:          {HeldOutImages} (32×32, {testMasks.mean().item<float>():P1} cell pixels)
    TorchSharp IoU:           {iou:F3}
    ONNX Runtime IoU:         {onnxIou:F3}
    max |TorchSharp - ONNX|:  {maxAbsDiff:E2}
    ONNX model:               {onnxPath}
    total time:               {clock.Elapsed.TotalSeconds:F1} s
    """));
return iou >= 0.8 && maxAbsDiff <= OnnxRuntimeCheck.Tolerance ? 0 : 1;
