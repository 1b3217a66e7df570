using System.Diagnostics;
using System.Globalization;
using SciDsl;
using SciDsl.Interpretability;
using SciDsl.Interpretability.Pictures;
using SciDsl.Samples;
using SciDsl.Samples.DnaMotifs;
using TorchSharp;

// One intra-op thread: these models are small enough that a second thread gains little, while libtorch's
// thread pool, spinning while it waits, ran many times slower on a machine busy with other work.
var clock = Stopwatch.StartNew();
const double MotifMassBar = 0.5;
var options = new TrainOptions { Progress = ProgressMode.Plain };

// 1. Both models are declared in MotifModels.cs and trained by the experiments in MotifExperiments.cs on the same
//    synthetic sequences; the experiments hold out the same 25 %, which only the evaluation below sees.
var validation = new PlantedMotifSequences().Load().ValidationPart(MotifCnnExperiment.Config, nameof(PlantedMotifSequences));
var cnn = new MotifCnnExperiment().Run(options);
var cnnScore = Evaluate("MotifCnn", cnn.Model, MotifCnn.Signature, path => cnn.Model.ExportOnnx(path), "motif-cnn.onnx");
var danq = new MotifDanQExperiment().Run(options);
var danqScore = Evaluate("MotifDanQ", danq.Model, MotifDanQ.Signature, path => danq.Model.ExportOnnx(path), "motif-danq.onnx");

var (motifMass, track) = MotifAttribution(cnn.Model);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"held-out sequences: {validation.Count}, total time {clock.Elapsed.TotalSeconds:F1} s"));
bool passed = new[] { cnnScore, danqScore }.All(score => score.Auc >= 0.95 && score.MaxAbsDiff <= OnnxRuntimeCheck.Tolerance)
    && motifMass >= MotifMassBar && File.Exists(track);
return passed ? 0 : 1;

// 3. Per-base Integrated Gradients of MotifCnn's motif-present logit (class 1; baseline: no base at all, all zeros) on
//    the held-out positives: the share of |attribution| on the planted motif's 10 of 100 positions (0.1 if spread
//    evenly), and the track of the first one as a picture. The planted copy is found as the best-matching window.
(double MotifMass, string Track) MotifAttribution(torch.nn.Module<torch.Tensor, torch.Tensor> model)
{
    using var scope = torch.NewDisposeScope();
    var positives = validation.Features.index_select(0, validation.Targets.eq(1).nonzero().squeeze(1));
    var attributions = IntegratedGradients.Compute(model, positives, target: 1, steps: 32, chunkSize: 2048).Attributions;
    double massSum = 0;
    for (long i = 0; i < positives.shape[0]; i++)
    {
        var perBase = AttributionTrack.PerPosition(attributions[i]).Select(Math.Abs).ToArray();
        int start = MotifStart(positives[i]);
        massSum += perBase.Skip(start).Take(PlantedMotifSequences.Motif.Length).Sum() / perBase.Sum();
    }
    double mass = massSum / positives.shape[0];
    int firstStart = MotifStart(positives[0]);
    string track = AttributionTrack.Write(Path.GetFullPath("pictures"), "MotifCnn per-base Integrated Gradients on a held-out positive",
        attributions[0], region: (firstStart, PlantedMotifSequences.Motif.Length), regionLabel: "planted motif");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
        MotifCnn per-base Integrated Gradients on {positives.shape[0]} held-out positives
          share of |attribution| on the motif: {mass:P1} (10 % if spread evenly; bar {MotifMassBar:P0})
          track of the first:                  {track}
        """));
    return (mass, track);
}

// The start of the window of one-hot [4, L] that matches the motif in the most bases.
static int MotifStart(torch.Tensor oneHot)
{
    var bases = oneHot.argmax(0).data<long>().ToArray();
    var motif = PlantedMotifSequences.Motif.Select(b => (long)PlantedMotifSequences.Bases.IndexOf(b)).ToArray();
    return Enumerable.Range(0, bases.Length - motif.Length + 1)
        .MaxBy(start => motif.Where((b, k) => bases[start + k] == b).Count());
}

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
