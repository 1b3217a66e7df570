using System.Collections.Generic;
using System.Linq;

namespace SciDsl.Generators.Layers;

/// <summary>Every layer kind, by the attribute name users write. Adding a layer adds one line here.</summary>
internal static class LayerRegistry
{
    public static readonly IReadOnlyList<LayerKind> All = new[]
    {
        LinearLayer.Kind,
        Conv1dLayer.Kind, Conv2dLayer.Kind, Conv3dLayer.Kind, ConvTranspose1dLayer.Kind, ConvTranspose2dLayer.Kind,
        MaxPool1dLayer.Kind, MaxPool2dLayer.Kind, AvgPool1dLayer.Kind, AvgPool2dLayer.Kind,
        AdaptiveAvgPool1dLayer.Kind, AdaptiveAvgPool2dLayer.Kind, GlobalAvgPoolLayer.Kind, GlobalMaxPoolLayer.Kind,
        BatchNorm1dLayer.Kind, BatchNorm2dLayer.Kind, LayerNormLayer.Kind, GroupNormLayer.Kind,
        ReLULayer.Kind, LeakyReLULayer.Kind, GELULayer.Kind, SiLULayer.Kind, TanhLayer.Kind, SigmoidLayer.Kind, ELULayer.Kind, IdentityLayer.Kind,
        SoftmaxLayer.Kind, LogSoftmaxLayer.Kind,
        DropoutLayer.Kind, Dropout2dLayer.Kind,
        FlattenLayer.Kind, ReshapeLayer.Kind, PermuteLayer.Kind, UpsampleLayer.Kind, PixelShuffleLayer.Kind,
        AddLayer.Kind, ConcatLayer.Kind, MultiplyLayer.Kind,
        EmbeddingLayer.Kind, LSTMLayer.Kind, GRULayer.Kind, RNNLayer.Kind, PositionalEncodingLayer.Kind,
        GcnConvLayer.Kind, GraphSageConvLayer.Kind, NodeMeanPoolLayer.Kind, NodeMaxPoolLayer.Kind,
        ReparameterizeLayer.Kind,
        UseLayer.Kind, ResidualLayer.Kind, LambdaLayer.Kind,
        MultiHeadAttentionLayer.Kind, TransformerEncoderLayer.Kind, TransformerDecoderLayer.Kind,
    };

    private static readonly Dictionary<string, LayerKind> ByName = All.ToDictionary(k => k.AttributeName);

    public static LayerKind? Find(string attributeName) => ByName.TryGetValue(attributeName, out var kind) ? kind : null;
}
