using System.Diagnostics;
using System.Globalization;
using SciDsl;
using SciDsl.Samples;
using SciDsl.Samples.GraphCommunities;
using TorchSharp;

var clock = Stopwatch.StartNew();
var quiet = new TrainOptions { Progress = ProgressMode.None };

// 1. The experiments declared in CommunityExperiments.cs: the GCN of CommunityModels.cs (a two-input model: node
//    features and adjacency, one community logit per node, checked against the per-node target at build time), and
//    the same features classified without the graph, on the same split, to show what the edges add.
var gcnResult = new CommunityGcnExperiment().Run(quiet);
var mlpResult = new NodeFeatureMlpExperiment().Run(quiet);
using var gcn = gcnResult.Model;
Console.WriteLine(gcn.Summary());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"trained both for {gcnResult.History.Count} epochs in {clock.Elapsed.TotalSeconds:F1} s; GCN loss {gcnResult.History[0].TrainLoss:F4} -> {gcnResult.Final.TrainLoss:F4}"));

// 2. The held-out test graphs (the runs' TestSplit): the GCN exported to ONNX and run in ONNX Runtime on them.
var test = new CommunityGraphs().LoadSamples().TestPart(CommunityGcnExperiment.Config);
var (testX, testAdj, testCommunities) = (test["x"], test["adj"], test.Targets!);
torch.Tensor logits;
gcn.eval();
using (torch.no_grad()) logits = gcn.forward(testX, testAdj);
string onnxPath = Path.GetFullPath("graph-communities.onnx");
gcn.ExportOnnx(onnxPath);
var onnxLogits = OnnxRuntimeCheck.Run(onnxPath, CommunityGcn.Signature, testX, testAdj);
double accuracy = gcnResult.Test!.Accuracy!.Value;
double onnxAccuracy = CommunityScoring.Accuracy(onnxLogits, testCommunities);
float maxAbsDiff = OnnxRuntimeCheck.MaxAbsDifference(logits, onnxLogits);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    test graphs:                 {test.Count} × {StochasticBlockGraphs.Nodes} nodes, {StochasticBlockGraphs.Communities} communities
    chance (1 / communities):    {1.0 / StochasticBlockGraphs.Communities:P1}; largest community: {CommunityScoring.MajorityRate(testCommunities):P1}
    features only (MLP):         {mlpResult.Test!.Accuracy:P1}
    GCN, TorchSharp:             {accuracy:P1} (macro-F1 {gcnResult.Test.Metrics["macro_f1"]:F3})
    GCN, ONNX Runtime:           {onnxAccuracy:P1}
    max |TorchSharp - ONNX|:     {maxAbsDiff:E2}
    ONNX model:                  {onnxPath}
    total time:                  {clock.Elapsed.TotalSeconds:F1} s
    """));
// The bar: at least twice chance, and an export that ONNX Runtime runs with TorchSharp's numbers.
return accuracy >= 2.0 / StochasticBlockGraphs.Communities && maxAbsDiff <= OnnxRuntimeCheck.Tolerance ? 0 : 1;
