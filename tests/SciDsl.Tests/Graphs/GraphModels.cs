using SciDsl.Tests.Layers;

namespace SciDsl.Tests.Graphs;

/// <summary>A GCN node classifier (Kipf &amp; Welling's two-layer model): per-node class scores.</summary>
[Model("x: B,N,4; adj: B,N,N")]
[GcnConv(16, Adjacency = "adj"), ReLU]
[GcnConv(2, Adjacency = "adj")]
public partial class GcnNodeClassifier : IGeneratedModel;

/// <summary>A GraphSAGE graph-level classifier: two convolutions, a mean readout over the nodes, then a Linear.</summary>
[Model("x: B,N,3; adj: B,N,N")]
[GraphSageConv(16, Adjacency = "adj"), ReLU]
[GraphSageConv(16, Adjacency = "adj"), ReLU]
[NodeMeanPool]
[Linear(2)]
public partial class SageGraphClassifier : IGeneratedModel;

/// <summary>A small VAE: encoder → (mu, logvar) → Reparameterize → decoder; returns the reconstruction and both heads.</summary>
[Model("x: B,12")]
[Linear(16, Name = "encoder"), ReLU(Name = "hidden")]
[Linear(3, From = "hidden", Name = "mu")]
[Linear(3, From = "hidden", Name = "logvar")]
[Reparameterize(From = "mu,logvar", Name = "z")]
[Linear(16), ReLU]
[Linear(12, Name = "recon")]
[Output("recon", "mu", "logvar")]
public partial class TinyVae;

/// <summary>A GCN over a graph with a fixed width and symbolic node count, for the run-time node-count check.</summary>
[Model("x: B,N,16; adj: B,N,N")]
[GcnConv(8, Adjacency = "adj", Name = "gcn")]
public partial class GcnOnSixteenFeatures;
