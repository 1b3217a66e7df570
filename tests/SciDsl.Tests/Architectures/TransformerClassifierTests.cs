using SciDsl.Tests.Layers;
using Xunit.Abstractions;

namespace SciDsl.Tests.Architectures;

/// <summary>Token sequence → embedding + positions → Transformer encoder → mean over positions → class scores.</summary>
[Model("tokens: int64[B,T]")]
[Embedding(LstmSequenceClassifier.Vocabulary, 16)]
[PositionalEncoding(MaxLength = 64)]
[TransformerEncoder(2, 4, FeedForward = 32)]
[Permute(0, 2, 1), GlobalAvgPool]
[Linear(2)]
public partial class TransformerSequenceClassifier : IGeneratedModel;

/// <summary>The same task through one causal self-attention layer and a max over positions.</summary>
[Model("tokens: int64[B,T]")]
[Embedding(LstmSequenceClassifier.Vocabulary, 16)]
[MultiHeadAttention(2, Causal = true)]
[Permute(0, 2, 1), GlobalMaxPool]
[Linear(2)]
public partial class CausalAttentionClassifier : IGeneratedModel;

/// <summary>
/// Attention models on the sequence classifiers' synthetic task (does token 1 occur?): trained a few steps with
/// dropout on, the loss falls, and the export matches ONNX Runtime at batch 1 and 7 and two sequence lengths.
/// </summary>
public sealed class TransformerClassifierTests(ITestOutputHelper output)
{
    [Fact]
    public void Transformer_encoder_classifier_learns_and_its_export_matches_onnx_runtime() =>
        SequenceClassifierTests.AssertLearnsAndExports<TransformerSequenceClassifier>(output);

    [Fact]
    public void Causal_attention_classifier_learns_and_its_export_matches_onnx_runtime() =>
        SequenceClassifierTests.AssertLearnsAndExports<CausalAttentionClassifier>(output);
}
