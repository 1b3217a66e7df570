using System.Diagnostics;
using System.Globalization;
using SciDsl;
using SciDsl.Interpretability;
using SciDsl.Interpretability.Pictures;
using SciDsl.Samples;
using SciDsl.Samples.ExplainTabular;
using TorchSharp;
using static TorchSharp.torch;

// Which of the 30 breast-cancer features drive an MLP's diagnosis? Three methods answer, and the sample checks that
// they agree: Integrated Gradients and feature ablation (per test row, then mean |attribution|) and permutation
// importance (how much the held-out log-likelihood drops when a feature's column is shuffled).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var clock = Stopwatch.StartNew();
const int Seed = 7;
var data = BreastCancerRecords.Load(Seed);
torch.manual_seed(Seed);
var model = new BreastCancerMlp();
MiniBatchTraining.Run(model, data.TrainFeatures.shape[0], epochs: 30, batchSize: 32, learningRate: 3e-3, seed: Seed,
    rows => nn.functional.cross_entropy(model.forward(data.TrainFeatures.index_select(0, rows)), data.TrainLabels.index_select(0, rows)));

var x = data.TestFeatures;
Tensor predicted;
using (no_grad())
    predicted = model.forward(x).argmax(1);
double accuracy = predicted.eq(data.TestLabels).to(ScalarType.Float64).mean().item<double>();
Console.WriteLine($"held-out accuracy: {accuracy:P1} on {x.shape[0]} patients");

// Each row is explained for the class the model predicts for it; the baseline (zeros) is the training mean.
var integratedGradients = MeanMagnitude((rows, target) => model.IntegratedGradients(rows, target, steps: 64).Attributions);
var ablation = MeanMagnitude((rows, target) => model.FeatureAblation(rows, target));
var permutation = PermutationImportance.Compute(model, x, data.TestLabels, repeats: 20, seed: Seed,
    score: (logits, labels) => -nn.functional.cross_entropy(logits, labels).item<float>()).Importances.ToArray();

var names = BreastCancerRecords.FeatureNames;
double[] igRank = Rank(integratedGradients), ablationRank = Rank(ablation), permutationRank = Rank(permutation);
Console.WriteLine();
Console.WriteLine("top 10 features by Integrated Gradients (rank by feature ablation, by permutation importance):");
Console.WriteLine($"  {"",-4}{"feature",-24}{"mean |IG|",12}{"ablation",10}{"permutation",13}");
foreach (int f in Enumerable.Range(0, names.Length).OrderBy(f => igRank[f]).Take(10))
    Console.WriteLine($"  {igRank[f],-4}{names[f],-24}{integratedGradients[f],12:F4}{ablationRank[f],10}{permutationRank[f],13}");

double igVsAblation = SpearmanCorrelation.Compute(integratedGradients, ablation) ?? 0;
double igVsPermutation = SpearmanCorrelation.Compute(integratedGradients, permutation) ?? 0;
double ablationVsPermutation = SpearmanCorrelation.Compute(ablation, permutation) ?? 0;
Console.WriteLine();
Console.WriteLine("rank agreement over all 30 features (Spearman):");
Console.WriteLine($"  IG vs feature ablation:                 {igVsAblation:F3}");
Console.WriteLine($"  IG vs permutation importance:           {igVsPermutation:F3}");
Console.WriteLine($"  feature ablation vs permutation:        {ablationVsPermutation:F3}");

var picture = FeatureBarChart.Write(Path.GetFullPath("pictures"), "Breast cancer MLP feature importance (Integrated Gradients)",
    names, integratedGradients, top: 15, valueLabel: "mean |IG attribution| over held-out patients");
Console.WriteLine($"bar chart: {picture}");
Console.WriteLine($"total time {clock.Elapsed.TotalSeconds:F1} s");

var misses = new List<string>();
if (accuracy < 0.93) misses.Add($"held-out accuracy {accuracy:P1} < 93 %");
if (igVsAblation < 0.9) misses.Add($"Spearman(IG, ablation) {igVsAblation:F3} < 0.9");
if (igVsPermutation < 0.6) misses.Add($"Spearman(IG, permutation) {igVsPermutation:F3} < 0.6");
if (!File.Exists(picture)) misses.Add($"no picture at {picture}");
foreach (var miss in misses)
    Console.Error.WriteLine($"missed: {miss}");
return misses.Count == 0 ? 0 : 1;

// Mean |attribution| per feature over the test rows, each row attributed to its predicted class.
double[] MeanMagnitude(Func<Tensor, long, Tensor> attribute)
{
    using var scope = NewDisposeScope();
    var total = zeros(x.shape[1], ScalarType.Float64);
    foreach (long target in new long[] { 0, 1 })
    {
        var rows = predicted.eq(target).nonzero().squeeze(1);
        if (rows.shape[0] > 0)
            total += attribute(x.index_select(0, rows), target).abs().to(ScalarType.Float64).sum(dim: 0);
    }
    return (total / x.shape[0]).data<double>().ToArray();
}

// 1 = most important.
static double[] Rank(double[] importance) => SpearmanCorrelation.Ranks(importance.Select(v => -v).ToArray());
