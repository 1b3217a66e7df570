using System.Diagnostics;
using System.Globalization;
using SciDsl;
using SciDsl.Samples;
using SciDsl.Samples.DnaMotifs;
using TorchSharp;

// One intra-op thread: these models are small enough that a second thread gains little, while libtorch's
// thread pool, spinning while it waits, ran many times slower on a machine busy with other work.
var clock = Stopwatch.StartNew();
var options = new TrainOptions { Progress = ProgressMode.Plain };

// 1. Both models are declared in MotifModels.cs and trained by the experiments in MotifExperiments.cs on the same
//    synthetic sequences; the experiments hold out the same 25 %, which only the evaluation below sees.
var validation = new PlantedMotifSequences().Load().ValidationPart(MotifCnnExperiment.Config, nameof(PlantedMotifSequences));
var cnn = new MotifCnnExperiment().Run(options);
var cnnScore = Evaluate("MotifCnn", cnn.Model, MotifCnn.Signature, path => cnn.Model.ExportOnnx(path), "motif-cnn.onnx");
var danq = new MotifDanQExperiment().Run(options);
var danqScore = Evaluate("MotifDanQ", danq.Model, MotifDanQ.Signature, path => danq.Model.ExportOnnx(path), "motif-danq.onnx");

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"held-out sequences: {validation.Count}, total time {clock.Elapsed.TotalSeconds:F1} s"));
bool passed = new[] { cnnScore, danqScore }.All(score => score.Auc >= 0.95 && score.MaxAbsDiff <= OnnxRuntimeCheck.Tolerance);
return passed ? 0 : 1;

// 2. ROC AUC of "motif present" on the held-out sequences, in TorchSharp and in ONNX Runtime after export.
(double Auc, float MaxAbsDiff) Evaluate(string name, torch.nn.Module<torch.Tensor, torch.Tensor> model, ModelSignature signature, Action<string> export, string file)
{
    model.eval();
    torch.Tensor logits;
    using (torch.no_grad()) logits = model.forward(validation.Features);
    string onnxPath = Path.GetFullPath(file);
    export(onnxPath);
    var onnxLogits = OnnxRuntimeCheck.Run(onnxPath, signature, validation.Features);
    bool[] positives = validation.Targets.data<long>().ToArray().Select(label => label == 1).ToArray();
    double auc = RocAuc.Binary(MotifScores(logits), positives)!.Value;
    double onnxAuc = RocAuc.Binary(MotifScores(onnxLogits), positives)!.Value;
    float maxAbsDiff = OnnxRuntimeCheck.MaxAbsDifference(logits, onnxLogits);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
        {name}
          TorchSharp ROC AUC:       {auc:F4}
          ONNX Runtime ROC AUC:     {onnxAuc:F4}
          max |TorchSharp - ONNX|:  {maxAbsDiff:E2}
          ONNX model:               {onnxPath}
        """));
    return (auc, maxAbsDiff);
}

// The log-odds of "motif present": logit of class 1 minus logit of class 0.
static double[] MotifScores(torch.Tensor logits) => (logits[.., 1] - logits[.., 0]).to_type(torch.ScalarType.Float64).data<double>().ToArray();
