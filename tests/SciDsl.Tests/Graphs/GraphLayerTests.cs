using SciDsl.Graphs;
using SciDsl.Tests.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Graphs;

/// <summary>
/// The graph layers and Reparameterize against their definitions, written here independently of
/// <see cref="DenseGraph"/>: the dense normalised adjacency built with eye/diag, the neighbour mean as a loop.
/// </summary>
public sealed class GraphLayerTests
{
    [Fact]
    public void GcnConv_is_the_symmetrically_normalised_adjacency_with_self_loops_times_x_w_plus_b()
    {
        torch.manual_seed(11);
        using var model = new GcnOnSixteenFeatures();
        using var scope = NewDisposeScope();
        var x = randn(2, 5, 16);
        var adj = GeneratedModels.RandomAdjacency([2, 5, 5]);

        var withLoops = adj + eye(5);
        var inverseRoot = diag_embed(withLoops.sum(-1).pow(-0.5));
        var normalised = inverseRoot.matmul(withLoops).matmul(inverseRoot);
        var expected = normalised.matmul(x.matmul(model.gcn.weight!.t())) + model.gcn.bias!;

        Assert.True(GeneratedModels.Infer(model, x, adj).allclose(expected, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void GraphSageConv_mean_is_self_weight_times_x_plus_neighbour_weight_times_the_neighbours_mean()
    {
        torch.manual_seed(12);
        using var model = new SageGraphClassifier();
        using var scope = NewDisposeScope();
        var x = randn(1, 4, 3);
        var adj = tensor(new float[] { 0, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 }, [1, 4, 4]); // node 3 has no neighbours
        var linear = (TorchSharp.Modules.Linear)model.named_children().First().module;
        var (selfWeight, neighbourWeight) = (linear.weight![.., ..3], linear.weight![.., 3..]);

        var expected = zeros(1, 4, 16);
        for (int i = 0; i < 4; i++)
        {
            var neighbours = Enumerable.Range(0, 4).Where(j => adj[0, i, j].item<float>() > 0).ToList();
            var mean = neighbours.Count == 0 ? zeros(3) : stack(neighbours.Select(j => x[0, j]).ToArray()).mean([0]);
            expected[0, i] = selfWeight.matmul(x[0, i]) + neighbourWeight.matmul(mean) + linear.bias!;
        }

        Assert.True(DenseGraph.SageConv(linear, x, adj).allclose(expected, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void Node_counts_that_differ_between_x_and_adj_are_a_shape_mismatch_naming_N()
    {
        using var model = new GcnOnSixteenFeatures();

        var error = Assert.Throws<ShapeMismatchException>(() => model.forward(randn(2, 5, 16), zeros(2, 6, 6)));

        Assert.Equal(("adj", "[B, N, N]", "[2, 6, 6]"), (error.Input, error.Expected, error.Actual));
        Assert.Contains("dim 1 (N) is 6, but N = 5 elsewhere", error.Message);
    }

    [Fact]
    public void Reparameterize_returns_the_mean_in_eval_and_samples_around_it_with_the_logvar_spread_in_training()
    {
        torch.manual_seed(13);
        using var model = new ReparameterizeModel();
        using var scope = NewDisposeScope();
        var x = randn(1, 8).expand(20000, 8);

        model.eval();
        var mu = model.mu.forward(x);
        var std = (model.logvar.forward(x) * 0.5).exp();
        Assert.True(GeneratedModels.Infer(model, x).allclose(mu, rtol: 0, atol: 0));

        model.train();
        using var noGrad = no_grad();
        var samples = model.forward(x);
        var standardised = (samples - mu) / std;
        Assert.True(standardised.mean([0]).abs().max().item<float>() < 0.05f);
        Assert.True((standardised.std([0]) - 1).abs().max().item<float>() < 0.05f);
    }
}
