using SciDsl;

namespace SciDsl.Tests.Interpretability;

/// <summary>
/// A CNN whose evidence for class 1 is a bright square: <c>features</c> (stride 2, [B, 2, 8, 8]) holds a brightness
/// detector in channel 0 and a constant channel 1; the tests set the weights (<see cref="GradCamTests"/>).
/// </summary>
[Model("x: B,1,16,16")]
[Conv2d(2, Kernel = 3, Stride = 2, Padding = 1, Name = "features"), ReLU]
[GlobalAvgPool]
[Linear(2, Name = "head")]
[Explain(Attribution.GradCam, Layer = "features"), Explain(Attribution.Saliency), Explain(Attribution.InputXGradient)]
[Explain(Attribution.IntegratedGradients, Steps = 16), Explain(Attribution.SmoothGrad, NoiseLevel = 0.1, Samples = 8)]
[Explain(Attribution.Occlusion, Window = new[] { 1, 4, 4 }, Stride = new[] { 1, 2, 2 })]
public partial class SquareDetector;

/// <summary>
/// A 1-D CNN whose evidence for class 1 is a bright run in a sequence: <c>features</c> (stride 2, [B, 2, 16]) holds a
/// brightness detector in channel 0 and a constant channel 1; the tests set the weights (<see cref="GradCamTests"/>).
/// </summary>
[Model("x: B,1,32")]
[Conv1d(2, Kernel = 3, Stride = 2, Padding = 1, Name = "features"), ReLU]
[GlobalAvgPool]
[Linear(2, Name = "head")]
[Explain(Attribution.GradCam, Layer = "features")]
public partial class RunDetector;

/// <summary>The 3-D counterpart of <see cref="SquareDetector"/> over volumes: <c>features</c> is [B, 2, 8, 8, 8].</summary>
[Model("x: B,1,16,16,16")]
[Conv3d(2, Kernel = 3, Stride = 2, Padding = 1, Name = "features"), ReLU]
[GlobalAvgPool]
[Linear(2, Name = "head")]
[Explain(Attribution.GradCam, Layer = "features")]
public partial class CubeDetector;

/// <summary>Self-attention over [B, 5, 8] with 2 heads, then a read-out.</summary>
[Model("x: B,5,8")]
[Linear(8, Name = "embed")]
[MultiHeadAttention(2, Name = "attn")]
[Flatten]
[Linear(3, Name = "fc")]
[Explain(Attribution.Saliency)]
public partial class AttentionReader;

/// <summary>A tabular model with feature ablation and Integrated Gradients declared.</summary>
[Model("x: B,4")]
[Linear(3, Name = "scores")]
[Explain(Attribution.FeatureAblation), Explain(Attribution.IntegratedGradients)]
public partial class TabularScorer;

/// <summary>Causal single-head attention, whose weights reproduce its output by hand.</summary>
[Model("x: B,4,6")]
[MultiHeadAttention(1, Causal = true, Name = "attn")]
[Flatten]
[Linear(2)]
public partial class CausalReader;

/// <summary>Tabular samples for <see cref="ExplainedExperiment"/>, whose explanations never load them.</summary>
[Dataset("x: 4", Target = "class: 3")]
public partial class TabularSamples : IDataSource
{
    public LabelledData Load() => throw new NotSupportedException("only the generated explanations of this experiment are used");
}

/// <summary>[Explain] on an experiment: static methods taking its model.</summary>
[Experiment(typeof(TabularScorer), typeof(TabularSamples))]
[Supervised(Loss.CrossEntropy)]
[Optimizer(Optim.Adam, LearningRate = 0.01)]
[Train(Epochs = 1, BatchSize = 8, Seed = 1)]
[Explain(Attribution.Saliency), Explain(Attribution.IntegratedGradients, Steps = 8)]
public partial class ExplainedExperiment;

/// <summary>Two post-norm encoder layers of 4 heads over [B, 5, 8], then a read-out; the encoder is named, so its attention is captured.</summary>
[Model("x: B,5,8")]
[TransformerEncoder(2, 4, FeedForward = 16, Dropout = 0, Name = "enc")]
[Flatten]
[Linear(3)]
[Explain(Attribution.Saliency)]
public partial class EncoderReader;

/// <summary>
/// One single-head encoder layer over six tokens (a one-hot class in features 0–3, a marker in feature 4), averaged over
/// positions into class scores: the answer is the marked token's class, so attention must find the marker.
/// </summary>
[Model("x: B,6,5")]
[Linear(16)]
[TransformerEncoder(1, 1, FeedForward = 32, Dropout = 0, Name = "enc")]
[Permute(0, 2, 1), GlobalAvgPool]
[Linear(4)]
public partial class MarkedTokenReader;

/// <summary>Two tabular inputs, each through its own layer, added: every attribution is generated taking both.</summary>
[Model("x: B,4; z: B,3")]
[Linear(5, From = "x", Name = "fromX")]
[Linear(5, From = "z", Name = "fromZ")]
[Add("fromX", "fromZ"), Tanh]
[Linear(2, Name = "head")]
[Explain(Attribution.IntegratedGradients, Steps = 32), Explain(Attribution.Saliency), Explain(Attribution.InputXGradient)]
[Explain(Attribution.SmoothGrad, Samples = 4), Explain(Attribution.Occlusion, Window = new[] { 2 }, Stride = new[] { 1 })]
[Explain(Attribution.FeatureAblation)]
public partial class ExplainedPair;

/// <summary>Token ids and a float vector: the ids are held fixed, so only <c>x</c> is attributed.</summary>
[Model("ids: int64[B,5]; x: B,4")]
[Embedding(11, 4, From = "ids"), Flatten]
[Linear(4, Name = "fromIds")]
[Add("fromIds", "x")]
[Linear(3)]
[Explain(Attribution.IntegratedGradients, Steps = 8), Explain(Attribution.Saliency)]
public partial class ExplainedIdsAndValues;
