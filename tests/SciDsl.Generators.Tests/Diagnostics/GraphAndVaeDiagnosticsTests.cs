using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Diagnostics;

/// <summary>
/// The classic mistakes of graph and VAE models, with the exact messages docs/diagnostics quotes: an adjacency
/// that is not N×N for the node count of x, a graph layer on a flat input, a misspelt adjacency name, and a
/// VAE whose mean and log-variance heads differ.
/// </summary>
public class GraphAndVaeDiagnosticsTests
{
    [Fact]
    public void Adjacency_for_other_nodes_is_SD1002_on_the_graph_layer_with_both_shapes()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,N,16; adj: B,M,M", "[Linear(16)]", "[GcnConv(8, Adjacency = \"adj\")]"));

        DiagnosticAssert.Single(run, "SD1002", ModelSource.LayerLine(2),
            "GcnConv(8, Adjacency = \"adj\") merges node features [B, N, 16] from Linear(16) 'linear_1' and adjacency [B, M, M] from input 'adj'; " +
            "the adjacency is not N×N for the N nodes of the features; the adjacency must be [B, N, N]: declare both with the same node symbol, e.g. \"x: B,N,F; adj: B,N,N\"");
    }

    [Fact]
    public void Graph_layer_on_a_flat_input_is_SD1001_saying_how_to_declare_graphs()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,5; adj: B,N,N", "[GraphSageConv(8, Adjacency = \"adj\")]"));

        DiagnosticAssert.Single(run, "SD1001", ModelSource.LayerLine(1),
            "GraphSageConv(8, Adjacency = \"adj\") expects node features [B, nodes, features] but receives [B, 5] from input 'x'; " +
            "declare the input per graph, e.g. [Model(\"x: B,N,16; adj: B,N,N\")], or [Reshape] to [B, N, F]");
    }

    [Fact]
    public void Misspelt_adjacency_is_SD2002_with_the_closest_name()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,N,16; adjacency: B,N,N", "[GcnConv(8, Adjacency = \"adjacensy\")]"));

        DiagnosticAssert.Single(run, "SD2002", ModelSource.LayerLine(1),
            "GcnConv(8, Adjacency = \"adjacensy\") refers to 'adjacensy', which is not an input or an earlier layer; known names: x, adjacency (did you mean 'adjacency'?)");
    }

    [Fact]
    public void Adjacency_naming_a_later_layer_is_SD2002_saying_so()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,N,16; adj: B,N,N",
            "[GcnConv(8, Adjacency = \"later\")]", "[Linear(8, From = \"adj\", Name = \"later\")]"));

        DiagnosticAssert.Single(run, "SD2002", ModelSource.LayerLine(1), "declared after it");
    }

    [Fact]
    public void Vae_heads_of_different_widths_are_SD1002_on_Reparameterize()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,8",
            "[Linear(4, Name = \"mu\")]", "[Linear(3, From = \"x\", Name = \"logvar\")]", "[Reparameterize(From = \"mu,logvar\")]"));

        DiagnosticAssert.Single(run, "SD1002", ModelSource.LayerLine(3),
            "Reparameterize(From = \"mu,logvar\") merges [B, 4] from Linear(4, Name = \"mu\") 'mu' and [B, 3] from Linear(3, From = \"x\", Name = \"logvar\") 'logvar'; " +
            "the mean and the log-variance must have equal shapes; give both heads the same width");
    }

    [Fact]
    public void Named_inputs_add_to_the_previous_node_and_a_chain_reuses_its_variable()
    {
        var run = GeneratorHarness.Run(ModelSource.Of("x: B,N,16; adj: B,N,N",
            "[GcnConv(8, Adjacency = \"adj\"), ReLU]", "[GcnConv(4, Adjacency = \"adj\")]"));

        DiagnosticAssert.Clean(run);
        string module = run.Source("Net.Module.g.cs");
        Assert.Contains("x = global::SciDsl.Graphs.DenseGraph.GcnConv(gcnconv_1, x, adj, addSelfLoops: true, normalize: true); // [B, N, 8]", module);
        Assert.Contains("x = global::SciDsl.Graphs.DenseGraph.GcnConv(gcnconv_2, x, adj, addSelfLoops: true, normalize: true); // [B, N, 4]", module);
    }
}
