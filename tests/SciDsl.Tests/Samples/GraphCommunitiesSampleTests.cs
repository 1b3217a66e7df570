using SciDsl.Samples.GraphCommunities;
using SciDsl.Tests.Onnx;
using TorchSharp;

namespace SciDsl.Tests.Samples;

/// <summary>The GraphCommunities sample's graphs and a short run of its GCN beside the features-only baseline.</summary>
public sealed class GraphCommunitiesSampleTests
{
    [Fact]
    public void Block_model_graphs_are_undirected_loop_free_and_denser_inside_communities()
    {
        var (x, adj, communities) = StochasticBlockGraphs.Generate(50, seed: 8);

        Assert.Equal(new long[] { 50, 60, 8 }, x.shape);
        Assert.Equal(new long[] { 50, 60, 60 }, adj.shape);
        Assert.True(adj.eq(adj.transpose(1, 2)).all().item<bool>(), "undirected: adj is symmetric");
        Assert.Equal(0f, adj.diagonal(0, 1, 2).abs().sum().item<float>());
        var same = communities.unsqueeze(2).eq(communities.unsqueeze(1));
        var offDiagonal = torch.eye(60, dtype: torch.ScalarType.Bool).logical_not().unsqueeze(0);
        double inside = adj.masked_select(same.logical_and(offDiagonal)).mean().item<float>();
        double across = adj.masked_select(same.logical_not()).mean().item<float>();
        // About 29,000 pairs inside and 88,000 across: the densities sit well within ±0.02 of the declared ones.
        Assert.InRange(inside, StochasticBlockGraphs.InsideProbability - 0.02, StochasticBlockGraphs.InsideProbability + 0.02);
        Assert.InRange(across, StochasticBlockGraphs.AcrossProbability - 0.005, StochasticBlockGraphs.AcrossProbability + 0.005);
        // The feature at a node's community index carries the shift; the others average zero.
        var shifted = x.gather(2, communities.unsqueeze(2)).mean().item<float>();
        Assert.InRange(shifted, StochasticBlockGraphs.FeatureSignal - 0.05, StochasticBlockGraphs.FeatureSignal + 0.05);
    }

    [Fact]
    public void The_declared_gcn_beats_the_features_alone_on_test_graphs_and_its_onnx_export_agrees()
    {
        var config = CommunityGcnExperiment.Config with { Epochs = 15 };
        using var directory = new TempDirectory();
        TrainOptions Options(string name) => new() { CheckpointPath = directory.File(name + ".ckpt"), Progress = ProgressMode.None };

        var gcn = SupervisedTrainer.RunOnSamples(config, () => new CommunityGcn(), (model, inputs) => model.forward(inputs[0], inputs[1]),
            new CommunityGraphs(64, seed: 9), CommunityGraphs.Signature, Options("gcn"));
        var mlp = SupervisedTrainer.Run(NodeFeatureMlpExperiment.Config with { Epochs = 15 }, () => new NodeFeatureMlp(),
            new CommunityNodeFeatures(64, seed: 9), CommunityNodeFeatures.Signature, Options("mlp"));

        double accuracy = gcn.Test!.Accuracy!.Value, featuresOnly = mlp.Test!.Accuracy!.Value;
        Assert.True(accuracy > featuresOnly + 0.1 && accuracy > 0.5, $"GCN {accuracy:P1}, features only {featuresOnly:P1}, chance 25 %");
        var test = new CommunityGraphs(64, seed: 9).LoadSamples().TestPart(config);
        torch.Tensor logits;
        gcn.Model.eval();
        using (torch.no_grad()) logits = gcn.Model.forward(test["x"], test["adj"]);
        Assert.Equal(accuracy, CommunityScoring.Accuracy(logits, test.Targets!), 9);
        string path = directory.File("gcn.onnx");
        gcn.Model.ExportOnnx(path);
        OnnxRuntimeParity.AssertMatches(path, new Dictionary<string, torch.Tensor> { ["x"] = test["x"], ["adj"] = test["adj"] }, logits);
    }

    [Fact]
    public void Accuracy_and_majority_rate_count_nodes()
    {
        // Nodes of classes 0, 1, 1, 3; predicted 0, 1, 2, 3 → 3 of 4 right; the largest class holds 2 of 4.
        var logits = torch.eye(4).unsqueeze(0);
        var communities = torch.tensor(new long[] { 0, 1, 1, 3 }).unsqueeze(0);

        Assert.Equal(0.75, CommunityScoring.Accuracy(logits, communities), 12);
        Assert.Equal(0.5, CommunityScoring.MajorityRate(communities), 12);
    }
}
