using System.Diagnostics;
using System.Globalization;
using SciDsl;
using SciDsl.Samples;
using SciDsl.Samples.GraphCommunities;
using TorchSharp;

const int TrainGraphs = 160, HeldOutGraphs = 40, Epochs = 40;
// One intra-op thread: these models are small enough that a second thread gains little, while libtorch's
// thread pool, spinning while it waits, ran many times slower on a machine busy with other work.
var clock = Stopwatch.StartNew();

// 1. Synthetic stochastic-block-model graphs; training and held-out graphs come from different seeds.
var (trainX, trainAdj, trainCommunities) = StochasticBlockGraphs.Generate(TrainGraphs, seed: 1);
var (testX, testAdj, testCommunities) = StochasticBlockGraphs.Generate(HeldOutGraphs, seed: 2);

// 2. The GCN declared in CommunityModels.cs (a two-input model: node features and adjacency), and the same
//    features classified without the graph, to show what the edges add.
torch.manual_seed(42);
using var gcn = new CommunityGcn();
Console.WriteLine(gcn.Summary());
var gcnLosses = CommunityTraining.Train(gcn, gcn.forward, trainX, trainAdj, trainCommunities, Epochs, seed: 42);
torch.manual_seed(42);
using var mlp = new NodeFeatureMlp();
CommunityTraining.Train(mlp, (x, _) => mlp.forward(x), trainX, trainAdj, trainCommunities, Epochs, seed: 42);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"trained both for {Epochs} epochs on {TrainGraphs} graphs in {clock.Elapsed.TotalSeconds:F1} s; GCN loss {gcnLosses[0]:F4} -> {gcnLosses[^1]:F4}"));

// 3. Held-out accuracy, then the GCN exported to ONNX and run in ONNX Runtime on the held-out graphs.
torch.Tensor logits, mlpLogits;
using (torch.no_grad())
{
    logits = gcn.forward(testX, testAdj);
    mlpLogits = mlp.forward(testX);
}
string onnxPath = Path.GetFullPath("graph-communities.onnx");
gcn.ExportOnnx(onnxPath);
var onnxLogits = OnnxRuntimeCheck.Run(onnxPath, CommunityGcn.Signature, testX, testAdj);
double accuracy = CommunityTraining.Accuracy(logits, testCommunities);
double onnxAccuracy = CommunityTraining.Accuracy(onnxLogits, testCommunities);
float maxAbsDiff = OnnxRuntimeCheck.MaxAbsDifference(logits, onnxLogits);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    held-out graphs:             {HeldOutGraphs} × {StochasticBlockGraphs.Nodes} nodes, {StochasticBlockGraphs.Communities} communities
    chance (1 / communities):    {1.0 / StochasticBlockGraphs.Communities:P1}; largest community: {CommunityTraining.MajorityRate(testCommunities):P1}
    features only (MLP):         {CommunityTraining.Accuracy(mlpLogits, testCommunities):P1}
    GCN, TorchSharp:             {accuracy:P1}
    GCN, ONNX Runtime:           {onnxAccuracy:P1}
    max |TorchSharp - ONNX|:     {maxAbsDiff:E2}
    ONNX model:                  {onnxPath}
    total time:                  {clock.Elapsed.TotalSeconds:F1} s
    """));
// The bar: at least twice chance, and an export that ONNX Runtime runs with TorchSharp's numbers.
return accuracy >= 2.0 / StochasticBlockGraphs.Communities && maxAbsDiff <= OnnxRuntimeCheck.Tolerance ? 0 : 1;
