namespace SciDsl.Tests.Layers;

// One tiny model per layer variant; LayerParityTests drives them all from one table.

[Model("x: B,6")][Linear(4)] public partial class LinearModel : IGeneratedModel;
[Model("x: B,6")][Linear(4, Bias = false)] public partial class LinearNoBiasModel : IGeneratedModel;
[Model("x: B,3,6")][Linear(4)] public partial class LinearSequenceModel : IGeneratedModel;
[Model("x: B,3,6")][Linear(4, Bias = false)] public partial class LinearSequenceNoBiasModel : IGeneratedModel;

[Model("x: B,3,10")][Conv1d(4, Kernel = 3, Stride = 2, Padding = 1)] public partial class Conv1dModel : IGeneratedModel;
[Model("x: B,4,11")][Conv1d(6, Kernel = 2, Dilation = 2, Groups = 2, Bias = false)] public partial class Conv1dGroupedModel : IGeneratedModel;
[Model("x: B,3,7,7")][Conv2d(4, Kernel = 3)] public partial class Conv2dModel : IGeneratedModel;
[Model("x: B,3,9,9")][Conv2d(4, Kernel = 3, Stride = 2, Padding = 2, Dilation = 2)] public partial class Conv2dStridedModel : IGeneratedModel;
[Model("x: B,4,6,6")][Conv2d(6, Kernel = 3, Padding = 1, Groups = 2, Bias = false)] public partial class Conv2dGroupedModel : IGeneratedModel;
[Model("x: B,2,5,6,7")][Conv3d(4, Kernel = 3)] public partial class Conv3dModel : IGeneratedModel;
[Model("x: B,2,8,8,8")][Conv3d(4, Kernel = 3, Stride = 2, Padding = 1)] public partial class Conv3dStridedModel : IGeneratedModel;
[Model("x: B,4,5,5,5")][Conv3d(6, Kernel = 2, Dilation = 2, Groups = 2, Bias = false)] public partial class Conv3dGroupedModel : IGeneratedModel;
[Model("x: B,4,5")][ConvTranspose1d(2, Kernel = 3, Stride = 2, Padding = 1, OutputPadding = 1)] public partial class ConvTranspose1dModel : IGeneratedModel;
[Model("x: B,4,6")][ConvTranspose1d(6, Kernel = 3, Dilation = 2, Groups = 2, Bias = false)] public partial class ConvTranspose1dGroupedModel : IGeneratedModel;
[Model("x: B,8,4,4")][ConvTranspose2d(4, Kernel = 2, Stride = 2)] public partial class ConvTranspose2dModel : IGeneratedModel;
[Model("x: B,4,3,5")][ConvTranspose2d(6, Kernel = 3, Stride = 3, Padding = 1, Dilation = 2, OutputPadding = 1, Groups = 2)]
public partial class ConvTranspose2dDilatedModel : IGeneratedModel;
[Model("x: B,2,4,4")][ConvTranspose2d(2, Kernel = 2, Dilation = 2, OutputPadding = 1)] public partial class ConvTranspose2dPaddedByDilationModel : IGeneratedModel;
[Model("x: B,2,4")][ConvTranspose1d(3, Kernel = 2, Dilation = 3, OutputPadding = 2, Bias = false)] public partial class ConvTranspose1dPaddedByDilationModel : IGeneratedModel;
[Model("x: B,2,5")][ConvTranspose1d(2, Kernel = 3, Padding = 2, Dilation = 3, OutputPadding = 2)] public partial class ConvTranspose1dCroppedLessModel : IGeneratedModel;

[Model("x: B,3,10")][MaxPool1d(3, Stride = 2, Padding = 1)] public partial class MaxPool1dModel : IGeneratedModel;
[Model("x: B,2,8,8")][MaxPool2d(2)] public partial class MaxPool2dModel : IGeneratedModel;
[Model("x: B,2,7,7")][MaxPool2d(3, Stride = 2, Padding = 1)] public partial class MaxPool2dPaddedModel : IGeneratedModel;
[Model("x: B,3,10")][AvgPool1d(3, Stride = 2, Padding = 1)] public partial class AvgPool1dModel : IGeneratedModel;
[Model("x: B,2,8,8")][AvgPool2d(2)] public partial class AvgPool2dModel : IGeneratedModel;
[Model("x: B,2,7,7")][AvgPool2d(3, Stride = 2, Padding = 1)] public partial class AvgPool2dPaddedModel : IGeneratedModel;
[Model("x: B,3,5,5")][AdaptiveAvgPool2d(1)] public partial class AdaptiveAvgPool2dOneModel : IGeneratedModel;
[Model("x: B,3,4,4")][AdaptiveAvgPool2d(2)] public partial class AdaptiveAvgPool2dTwoModel : IGeneratedModel;
[Model("x: B,3,5,7")][AdaptiveAvgPool2d(3)] public partial class AdaptiveAvgPool2dUnequalBinsModel : IGeneratedModel;
[Model("x: B,2,3,3")][AdaptiveAvgPool2d(5)] public partial class AdaptiveAvgPool2dMoreBinsModel : IGeneratedModel;
[Model("x: B,3,8,4")][AdaptiveAvgPool2d(2)] public partial class AdaptiveAvgPool2dOblongModel : IGeneratedModel;
[Model("x: B,3,10")][AdaptiveAvgPool1d(4)] public partial class AdaptiveAvgPool1dUnequalBinsModel : IGeneratedModel;
[Model("x: B,3,8")][AdaptiveAvgPool1d(4)] public partial class AdaptiveAvgPool1dEqualBinsModel : IGeneratedModel;
[Model("x: B,3,7")][AdaptiveAvgPool1d(1)] public partial class AdaptiveAvgPool1dOneModel : IGeneratedModel;
[Model("x: B,3,H,W")][AdaptiveAvgPool2d(3)] public partial class AdaptiveAvgPool2dSymbolicModel : IGeneratedModel;
[Model("x: B,2,H,6")][AdaptiveAvgPool2d(4)] public partial class AdaptiveAvgPool2dSymbolicHeightModel : IGeneratedModel;
[Model("x: B,3,T")][AdaptiveAvgPool1d(4)] public partial class AdaptiveAvgPool1dSymbolicModel : IGeneratedModel;
[Model("x: B,3,4,5")][GlobalAvgPool] public partial class GlobalAvgPool2dModel : IGeneratedModel;
[Model("x: B,3,7")][GlobalAvgPool] public partial class GlobalAvgPool1dModel : IGeneratedModel;
[Model("x: B,3,4,5")][GlobalMaxPool] public partial class GlobalMaxPool2dModel : IGeneratedModel;
[Model("x: B,3,7")][GlobalMaxPool] public partial class GlobalMaxPool1dModel : IGeneratedModel;

[Model("x: B,5")][BatchNorm1d] public partial class BatchNorm1dFeaturesModel : IGeneratedModel;
[Model("x: B,5,6")][BatchNorm1d(Eps = 1e-3)] public partial class BatchNorm1dSequenceModel : IGeneratedModel;
[Model("x: B,3,4,4")][BatchNorm2d] public partial class BatchNorm2dModel : IGeneratedModel;
[Model("x: B,3,6")][LayerNorm] public partial class LayerNormModel : IGeneratedModel;
[Model("x: B,6")][LayerNorm(Eps = 1e-2)] public partial class LayerNormEpsModel : IGeneratedModel;
[Model("x: B,6")][LayerNorm][Add("x", "layernorm_1")] public partial class LayerNormResidualModel : IGeneratedModel;
[Model("x: B,6,4,4")][GroupNorm(3)] public partial class GroupNormModel : IGeneratedModel;
[Model("x: B,4,6")][GroupNorm(2, Eps = 1e-3)] public partial class GroupNormSequenceModel : IGeneratedModel;

[Model("x: B,3,5")][ReLU] public partial class ReLUModel : IGeneratedModel;
[Model("x: B,3,5")][LeakyReLU] public partial class LeakyReLUModel : IGeneratedModel;
[Model("x: B,3,5")][LeakyReLU(Slope = 0.2)] public partial class LeakyReLUSlopeModel : IGeneratedModel;
[Model("x: B,3,5")][GELU] public partial class GELUModel : IGeneratedModel;
[Model("x: B,3,5")][SiLU] public partial class SiLUModel : IGeneratedModel;
[Model("x: B,3,5")][Tanh] public partial class TanhModel : IGeneratedModel;
[Model("x: B,3,5")][Sigmoid] public partial class SigmoidModel : IGeneratedModel;
[Model("x: B,3,5")][ELU] public partial class ELUModel : IGeneratedModel;
[Model("x: B,3,5")][ELU(Alpha = 0.5)] public partial class ELUAlphaModel : IGeneratedModel;
[Model("x: B,3,5")][Identity] public partial class IdentityModel : IGeneratedModel;
[Model("x: B,6")][Linear(4), Identity, Tanh] public partial class IdentityBetweenModel : IGeneratedModel;
[Model("x: B,3,5")][Softmax] public partial class SoftmaxModel : IGeneratedModel;
[Model("x: B,3,5")][Softmax(Dim = 1)] public partial class SoftmaxDim1Model : IGeneratedModel;
[Model("x: B,3,5")][LogSoftmax] public partial class LogSoftmaxModel : IGeneratedModel;
[Model("x: B,3,5")][LogSoftmax(Dim = 1)] public partial class LogSoftmaxDim1Model : IGeneratedModel;
[Model("x: B,5")][Dropout(0.5)] public partial class DropoutModel : IGeneratedModel;
[Model("x: B,3,4,4")][Dropout2d(0.5)] public partial class Dropout2dModel : IGeneratedModel;
[Model("x: B,3,6")][Dropout2d(0.5)] public partial class Dropout2dSequenceModel : IGeneratedModel;

[Model("x: B,2,3,4")][Flatten] public partial class FlattenModel : IGeneratedModel;
[Model("x: B,2,3,4")][Flatten(StartDim = 2)] public partial class FlattenStartDim2Model : IGeneratedModel;
[Model("x: B,24")][Reshape("B,2,3,4")] public partial class ReshapeModel : IGeneratedModel;
[Model("x: B,3,5")][Permute(0, 2, 1)] public partial class PermuteModel : IGeneratedModel;
[Model("x: B,2,3,4")][Permute(0, 3, 1, 2)] public partial class PermuteChannelsLastModel : IGeneratedModel;
[Model("x: B,3,4,5")][Upsample(2)] public partial class UpsampleNearestModel : IGeneratedModel;
[Model("x: B,2,6")][Upsample(3)] public partial class UpsampleNearest1dModel : IGeneratedModel;
[Model("x: B,2,2,3,4")][Upsample(2)] public partial class UpsampleNearest3dModel : IGeneratedModel;
[Model("x: B,3,4,5")][Upsample(2, Mode = Interpolation.Bilinear)] public partial class UpsampleBilinearModel : IGeneratedModel;
[Model("x: B,2,3,4")][Upsample(3, Mode = Interpolation.Bilinear)] public partial class UpsampleBilinear3xModel : IGeneratedModel;
[Model("x: B,8,3,5")][PixelShuffle(2)] public partial class PixelShuffleModel : IGeneratedModel;
[Model("x: B,18,2,3")][PixelShuffle(3)] public partial class PixelShuffle3xModel : IGeneratedModel;

/// <summary>A residual block: the input plus two convolutions of it, then the input joined on as channels.</summary>
[Model("x: B,4,6,6")]
[Conv2d(4, Kernel = 3, Padding = 1, Name = "c1"), ReLU]
[Conv2d(4, Kernel = 3, Padding = 1, Name = "c2")]
[Add("x", "c2", Name = "residual")]
[Concat("x", "residual", "c1")]
public partial class ResidualConcatModel : IGeneratedModel;

[Model("x: B,5,3")][Linear(4, Name = "a")][Tanh(From = "x")][Concat("a", "tanh_1", Dim = -1)] public partial class ConcatLastDimModel : IGeneratedModel;
[Model("x: B,6")][Linear(6, Name = "a")][Linear(6, From = "x", Name = "b")][Add("x", "a", "b")] public partial class AddThreeModel : IGeneratedModel;
[Model("x: B,6")][Linear(6), Sigmoid(Name = "gate")][Multiply("x", "gate")] public partial class MultiplyGateModel : IGeneratedModel;
[Model("x: B,6")][Linear(6, Name = "a")][Linear(6, From = "x", Name = "b")][Multiply("x", "a", "b")] public partial class MultiplyThreeModel : IGeneratedModel;

[Model("tokens: int64[B,5]")][Embedding(11, 4)] public partial class EmbeddingModel : IGeneratedModel;
[Model("tokens: int64[B,T]")][Embedding(11, 4)] public partial class EmbeddingSequenceModel : IGeneratedModel;

[Model("x: B,5,3")][LSTM(4)] public partial class LSTMModel : IGeneratedModel;
[Model("x: B,T,3")][LSTM(4, ReturnSequences = true)] public partial class LSTMSequencesModel : IGeneratedModel;
[Model("x: B,T,3")][LSTM(4, Layers = 2, Bidirectional = true)] public partial class LSTMStackedBidirectionalModel : IGeneratedModel;
[Model("x: B,T,3")][LSTM(4, Layers = 2, Bidirectional = true, ReturnSequences = true)] public partial class LSTMStackedBidirectionalSequencesModel : IGeneratedModel;
[Model("x: B,T,3")][GRU(4)] public partial class GRUModel : IGeneratedModel;
[Model("x: B,T,3")][GRU(4, Layers = 2, Bidirectional = true, ReturnSequences = true)] public partial class GRUStackedBidirectionalSequencesModel : IGeneratedModel;
[Model("x: B,T,3")][GRU(4, Bidirectional = true)] public partial class GRUBidirectionalModel : IGeneratedModel;
[Model("x: B,T,3")][RNN(4)] public partial class RNNModel : IGeneratedModel;
[Model("x: B,T,3")][RNN(4, Layers = 2, Bidirectional = true, ReturnSequences = true)] public partial class RNNStackedBidirectionalSequencesModel : IGeneratedModel;

[Model("x: B,5,6")][PositionalEncoding] public partial class PositionalEncodingModel : IGeneratedModel;
[Model("x: B,T,6")][PositionalEncoding(MaxLength = 50)] public partial class PositionalEncodingSequenceModel : IGeneratedModel;

[Model("x: B,N,5; adj: B,N,N")][GcnConv(4, Adjacency = "adj")] public partial class GcnConvModel : IGeneratedModel;
[Model("x: B,N,5; adj: B,N,N")][GcnConv(4, Adjacency = "adj", AddSelfLoops = false)] public partial class GcnConvNoSelfLoopsModel : IGeneratedModel;
[Model("x: B,N,5; adj: B,N,N")][GcnConv(4, Adjacency = "adj", AddSelfLoops = false, Normalize = false)] public partial class GcnConvUnnormalisedModel : IGeneratedModel;
[Model("x: B,N,5; adj: B,N,N")][GraphSageConv(4, Adjacency = "adj")] public partial class GraphSageConvModel : IGeneratedModel;
[Model("x: B,N,5; adj: B,N,N")][GraphSageConv(4, Adjacency = "adj", Aggregate = NeighbourAggregation.Sum)] public partial class GraphSageConvSumModel : IGeneratedModel;
[Model("x: B,N,5")][NodeMeanPool] public partial class NodeMeanPoolModel : IGeneratedModel;
[Model("x: B,N,5")][NodeMaxPool] public partial class NodeMaxPoolModel : IGeneratedModel;
[Model("x: B,8")][Linear(4, Name = "mu")][Linear(4, From = "x", Name = "logvar")][Reparameterize(From = "mu,logvar")]
public partial class ReparameterizeModel : IGeneratedModel;
[Model("x: B,C,L")][Conv1d(4, Kernel = 3), BatchNorm1d, ReLU] public partial class SequenceBlock;
[Model("x: B,2,9")][Use(typeof(SequenceBlock), Repeat = 2)] public partial class UseModel : IGeneratedModel;
[Model("x: B,C")][Linear(6), Tanh] public partial class DenseBlock;
[Model("x: B,6")][Residual(typeof(DenseBlock), Repeat = 3)] public partial class ResidualModel : IGeneratedModel;

[Model("x: B,5,8")][MultiHeadAttention(2)] public partial class MultiHeadAttentionModel : IGeneratedModel;
[Model("x: B,5,8")][MultiHeadAttention(4, Causal = true)] public partial class MultiHeadAttentionCausalModel : IGeneratedModel;
[Model("x: B,4,6")][Linear(6)][MultiHeadAttention(1)] public partial class MultiHeadAttentionOneHeadModel : IGeneratedModel;
[Model("x: B,T,8")][MultiHeadAttention(2)] public partial class MultiHeadAttentionSymbolicModel : IGeneratedModel;
[Model("x: B,T,8")][MultiHeadAttention(2, Causal = true)] public partial class MultiHeadAttentionCausalSymbolicModel : IGeneratedModel;
[Model("x: B,T,8; memory: B,N,8")][MultiHeadAttention(2, KeyValue = "memory")] public partial class MultiHeadAttentionCrossModel : IGeneratedModel;
[Model("x: B,T,6; memory: B,N,4")][Linear(6, From = "memory", Name = "projected")][MultiHeadAttention(1, From = "x", KeyValue = "projected")]
public partial class MultiHeadAttentionCrossAfterLinearModel : IGeneratedModel;
[Model("x: B,T,8; memory: B,N,8")][TransformerDecoder(1, 2, Memory = "memory", FeedForward = 16)] public partial class TransformerDecoderModel : IGeneratedModel;
[Model("x: B,T,8; memory: B,N,4")][Linear(8, From = "memory", Name = "encoded")][TransformerDecoder(2, 4, Memory = "encoded", FeedForward = 12, From = "x")]
public partial class TransformerDecoderStackedModel : IGeneratedModel;
[Model("x: B,5,8")][TransformerEncoder(1, 2, FeedForward = 16)] public partial class TransformerEncoderModel : IGeneratedModel;
[Model("x: B,T,8")][TransformerEncoder(2, 4, FeedForward = 12, Dropout = 0.2)] public partial class TransformerEncoderStackedModel : IGeneratedModel;
