namespace SciDsl.Samples.GraphCommunities;

/// <summary>
/// A three-layer GCN node classifier (Kipf &amp; Welling) over dense batched graphs: node features <c>x: [B, N, 8]</c>
/// and the adjacency <c>adj: [B, N, N]</c>; each layer averages a node's own and its neighbours' features
/// (symmetrically normalised, with self-loops), so a node's community logits see its neighbourhood three hops out.
/// </summary>
[Model("x: B,N,8; adj: B,N,N")]
[GcnConv(32, Adjacency = "adj"), ReLU]
[GcnConv(32, Adjacency = "adj"), ReLU]
[GcnConv(4, Adjacency = "adj")]
public partial class CommunityGcn;

/// <summary>The baseline that ignores the graph: the same node features, classified one node at a time.</summary>
[Model("x: B,N,8")]
[Linear(32), ReLU]
[Linear(32), ReLU]
[Linear(4)]
public partial class NodeFeatureMlp;
