using SciDsl.Onnx;
using SciDsl.Tests.Layers;
using SciDsl.Tests.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Graphs;

/// <summary>
/// The reference graph and generative models of <see cref="GraphModels"/>: each trains a few steps on a small
/// generated data set with the loss going down, and its ONNX export reproduces TorchSharp's eval output.
/// </summary>
public sealed class ReferenceGraphModelTests
{
    private const int Steps = 40;

    /// <summary>
    /// Two-community stochastic block model graphs (edge probability 0.6 inside a community, 0.05 across): node
    /// features are the community's sign plus strong noise, so the neighbours' average is what separates them.
    /// </summary>
    private static (Tensor X, Tensor Adj, Tensor Labels) Communities(long graphs, long nodes)
    {
        var labels = (arange(nodes) % 2).expand(graphs, nodes);
        var same = labels.unsqueeze(2).eq(labels.unsqueeze(1));
        var probability = where(same, tensor(0.6f), tensor(0.05f));
        var upper = (rand(graphs, nodes, nodes) < probability).to_type(ScalarType.Float32).triu(1);
        var adj = upper + upper.transpose(1, 2);
        var sign = (labels * 2 - 1).to_type(ScalarType.Float32).unsqueeze(2);
        var x = sign * 0.5f + randn(graphs, nodes, 4) * 1.5f;
        return (x, adj, labels);
    }

    /// <summary>
    /// Graphs of random ±1 nodes whose edges join equal signs (class 1) or opposite signs (class 0): the class
    /// is in how features relate across edges, not in the features alone.
    /// </summary>
    private static (Tensor X, Tensor Adj, Tensor Labels) Homophily(long graphs, long nodes)
    {
        var labels = randint(0, 2, [graphs]);
        var signs = (randint(0, 2, [graphs, nodes]) * 2 - 1).to_type(ScalarType.Float32);
        var agree = signs.unsqueeze(2) * signs.unsqueeze(1) > 0;
        var wanted = where(labels.view(graphs, 1, 1).eq(1), agree, agree.logical_not());
        var upper = (wanted.logical_and(rand(graphs, nodes, nodes) < 0.5)).to_type(ScalarType.Float32).triu(1);
        var adj = upper + upper.transpose(1, 2);
        var x = cat([signs.unsqueeze(2), randn(graphs, nodes, 2) * 0.1f], -1);
        return (x, adj, labels);
    }

    /// <summary>Adam on <paramref name="loss"/> for <see cref="Steps"/> steps; returns the first and the last loss.</summary>
    private static (float First, float Last) Train(nn.Module model, Func<Tensor> loss)
    {
        model.train();
        using var optimizer = optim.Adam(model.parameters(), lr: 0.02);
        float first = 0, last = 0;
        for (int step = 0; step < Steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var value = loss();
            value.backward();
            optimizer.step();
            last = value.item<float>();
            if (step == 0) first = last;
        }
        return (first, last);
    }

    [Fact]
    public void Gcn_node_classifier_learns_communities_and_matches_onnx_runtime()
    {
        torch.manual_seed(21);
        using var model = new GcnNodeClassifier();
        var (x, adj, labels) = Communities(16, 12);

        var (first, last) = Train(model, () =>
            nn.functional.cross_entropy(model.forward(x, adj).reshape(-1, 2), labels.reshape(-1)));

        Assert.True(last < 0.7 * first, $"loss {first:G4} -> {last:G4}");
        Assert.Contains("GcnConv(16, Adjacency = \"adj\")", model.Summary());
        AssertExportMatches(model, GcnNodeClassifier.Signature);
    }

    [Fact]
    public void GraphSage_graph_classifier_learns_edge_homophily_and_matches_onnx_runtime()
    {
        torch.manual_seed(22);
        using var model = new SageGraphClassifier();
        var (x, adj, labels) = Homophily(32, 10);

        var (first, last) = Train(model, () => nn.functional.cross_entropy(model.forward(x, adj), labels));

        Assert.True(last < 0.7 * first, $"loss {first:G4} -> {last:G4}");
        AssertExportMatches(model, SageGraphClassifier.Signature);
    }

    [Fact]
    public void Vae_trains_on_its_evidence_bound_and_exports_its_three_outputs()
    {
        torch.manual_seed(23);
        using var model = new TinyVae();
        var codes = randn(64, 3);
        var data = tanh(codes.matmul(randn(3, 12)));

        var (first, last) = Train(model, () =>
        {
            var (recon, mu, logvar) = model.forward(data);
            var reconstruction = nn.functional.mse_loss(recon, data, reduction: nn.Reduction.Sum) / 64;
            var divergence = -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum() / 64;
            return reconstruction + divergence;
        });

        Assert.True(last < 0.7 * first, $"loss {first:G4} -> {last:G4}");
        Assert.Equal("TinyVae(x: [B, 12]) -> (recon: [B, 12]; mu: [B, 3]; logvar: [B, 3])", TinyVae.Signature.ToString());

        model.eval();
        using var directory = new TempDirectory();
        string path = directory.File("vae.onnx");
        model.ExportOnnx(path);
        OnnxOperatorRules.AssertValid(path);
        foreach (long batch in new long[] { 1, 7 })
        {
            using var scope = NewDisposeScope();
            var input = randn(batch, 12);
            using var noGrad = no_grad();
            var (recon, mu, logvar) = model.forward(input);
            var inputs = new Dictionary<string, Tensor> { ["x"] = input };
            OnnxRuntimeParity.AssertMatches(path, inputs, recon, outputName: "recon");
            OnnxRuntimeParity.AssertMatches(path, inputs, mu, outputName: "mu");
            OnnxRuntimeParity.AssertMatches(path, inputs, logvar, outputName: "logvar");
        }
    }

    /// <summary>Exports at opsets 13, 17 and 21 and checks each file against ONNX Runtime at batch 1 and 7.</summary>
    internal static void AssertExportMatches(nn.Module model, ModelSignature signature)
    {
        model.eval();
        using var directory = new TempDirectory();
        foreach (int opset in new[] { OnnxExportOptions.MinOpset, 17, OnnxExportOptions.MaxOpset })
        {
            string path = directory.File($"model{opset}.onnx");
            ((IGeneratedModel)model).ExportOnnx(path, new OnnxExportOptions { Opset = opset });
            OnnxOperatorRules.AssertValid(path);
            GeneratedModels.AssertOnnxParity(model, signature, path, [1, 7], GeneratedModels.GraphNodes);
        }
    }
}
