using SciDsl.Samples;
using TorchSharp;

namespace SciDsl.Tests.Experiments;

/// <summary>Two convolutions at full resolution: one logit per class and pixel.</summary>
[Model("x: B,1,8,8")]
[Conv2d(8, Kernel = 3, Padding = 1), ReLU]
[Conv2d(2, Kernel = 1)]
public partial class TinySegmenter;

/// <summary>
/// 8×8 images from a fixed seed, each with one bright rectangle (2–4 pixels a side, brightness 0.6–1) on Gaussian noise
/// of σ 0.25; the mask marks the rectangle's pixels (class 1), the rest is background (class 0).
/// </summary>
[Dataset("x: 1,8,8", Target = "class: 2 per pixel")]
public partial class BrightRectangles : IDataSource
{
    public const int Count = 160;

    public LabelledData Load()
    {
        var random = new Random(5);
        var images = new float[Count * 64];
        var masks = new long[Count * 64];
        for (int i = 0; i < Count; i++)
        {
            int width = random.Next(2, 5), height = random.Next(2, 5);
            int left = random.Next(0, 9 - width), top = random.Next(0, 9 - height);
            double brightness = 0.6 + 0.4 * random.NextDouble();
            for (int y = 0; y < 8; y++)
            {
                for (int x = 0; x < 8; x++)
                {
                    bool inside = x >= left && x < left + width && y >= top && y < top + height;
                    images[i * 64 + y * 8 + x] = (float)((inside ? brightness : 0) + 0.25 * random.NextGaussian());
                    masks[i * 64 + y * 8 + x] = inside ? 1 : 0;
                }
            }
        }
        return new LabelledData(torch.tensor(images, [Count, 1, 8, 8]), torch.tensor(masks, [Count, 8, 8]));
    }
}

[Experiment(typeof(TinySegmenter), typeof(BrightRectangles))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 0.02)]
[Train(Epochs = 8, BatchSize = 16, Seed = 3, ValidationSplit = 0.2, TestSplit = 0.2, EarlyStopping = "val_iou")]
public partial class BrightRectanglesExperiment;

[Experiment(typeof(TinySegmenter), typeof(BrightRectangles))]
[Supervised(Loss.Dice)]
[Optimizer(Optim.Adam, LearningRate = 0.02)]
[Train(Epochs = 8, BatchSize = 16, Seed = 3, ValidationSplit = 0.2, TestSplit = 0.2, EarlyStopping = "val_dice")]
public partial class BrightRectanglesDiceExperiment;

/// <summary>Two GCN layers over node features and the adjacency: one logit per node and community.</summary>
[Model("x: B,N,4; adj: B,N,N")]
[GcnConv(16, Adjacency = "adj"), ReLU]
[GcnConv(2, Adjacency = "adj")]
public partial class TinyNodeClassifier;

/// <summary>
/// Graphs of 12 nodes from a fixed seed, each node in one of 2 communities at random; pairs within a community are
/// joined with probability 0.5, across with 0.05. Features are 4 standard-normal numbers with the one at the
/// community index shifted by 1. Every third node's label is -1: those nodes are outside the train mask.
/// </summary>
[Dataset("x: N,4; adj: N,N", Target = "class: 2 per node")]
public partial class TwoCommunityGraphs : ISampleSource
{
    public const int Graphs = 60, Nodes = 12;

    public SampleSet LoadSamples()
    {
        var random = new Random(11);
        var x = new float[Graphs * Nodes * 4];
        var adj = new float[Graphs * Nodes * Nodes];
        var labels = new long[Graphs * Nodes];
        for (int g = 0; g < Graphs; g++)
        {
            var community = Enumerable.Range(0, Nodes).Select(_ => random.Next(2)).ToArray();
            for (int i = 0; i < Nodes; i++)
            {
                for (int j = i + 1; j < Nodes; j++)
                {
                    if (random.NextDouble() < (community[i] == community[j] ? 0.5 : 0.05))
                        adj[(g * Nodes + i) * Nodes + j] = adj[(g * Nodes + j) * Nodes + i] = 1;
                }
                for (int f = 0; f < 4; f++)
                {
                    x[(g * Nodes + i) * 4 + f] = (float)(random.NextGaussian() + (f == community[i] ? 1 : 0));
                }
                labels[g * Nodes + i] = i % 3 == 2 ? -1 : community[i];
            }
        }
        return new SampleSet(
            [("x", torch.tensor(x, [Graphs, Nodes, 4])), ("adj", torch.tensor(adj, [Graphs, Nodes, Nodes]))],
            torch.tensor(labels, [Graphs, Nodes]));
    }
}

[Experiment(typeof(TinyNodeClassifier), typeof(TwoCommunityGraphs))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 0.02)]
[Train(Epochs = 30, BatchSize = 8, Seed = 4, ValidationSplit = 0.2, TestSplit = 0.2)]
public partial class TwoCommunityExperiment;
