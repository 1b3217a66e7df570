using SciDsl.Samples.FewLabels;
using SciDsl.Samples.Digits;
using TorchSharp;

namespace SciDsl.Tests.Training;

/// <summary>A convolutional autoencoder for the digits: the code is 8 channels of 4×4, the decoder restores 1×8×8.</summary>
[Model("x: B,1,8,8")]
[Conv2d(32, Kernel = 3, Padding = 1), ReLU, MaxPool2d(2)]
[Conv2d(8, Kernel = 3, Padding = 1), ReLU(Name = "code")]
[ConvTranspose2d(32, Kernel = 2, Stride = 2), ReLU]
[Conv2d(1, Kernel = 3, Padding = 1, Name = "reconstruction")]
[Output("code", "reconstruction")]
public partial class DigitAutoencoder;

/// <summary>
/// Masked token prediction on sequences of 16 tokens (ids 1–16, 0 is the mask): embedding with positions, two
/// self-attention layers (every position sees the whole sequence), a per-position predictor of the 17 token logits;
/// the representation is the sequence's mean context vector.
/// </summary>
[Model("tokens: int64[B,16]")]
[Embedding(17, 32), PositionalEncoding]
[TransformerEncoder(2, 4, FeedForward = 64, Dropout = 0, Name = "context")]
[Permute(0, 2, 1), GlobalAvgPool(Name = "features")]
[Linear(17, From = "context", Name = "logits")]
[Output("features", "logits")]
public partial class SequenceMasker;

/// <summary>The digits cut by the fixed split (samples/Digits/data/digits-5pct-split.json).</summary>
/// <param name="Train">All 1437 training images (labelled and unlabelled parts), for pretraining without labels.</param>
/// <param name="Labelled">The 71 labelled images (5 % per class) and their labels.</param>
/// <param name="Test">The 360 held-out images and labels.</param>
internal sealed record FewLabelDigitSplit(torch.Tensor Train, FixedData Labelled, torch.Tensor TestFeatures, torch.Tensor TestTargets)
{
    public static readonly Lazy<FewLabelDigitSplit> Instance = new(Load);

    private static FewLabelDigitSplit Load() => new(
        torch.cat([FixedSplit.Features("labelled"), FixedSplit.Features("unlabelled")], 0),
        new FixedData(FixedSplit.Features("labelled"), FixedSplit.Targets("labelled")),
        FixedSplit.Features("test"), FixedSplit.Targets("test"));
}

/// <summary>
/// A synthetic token-sequence task whose class is visible only through a structure that must be learned: the 16 tokens
/// (ids 1–16) lie on a hidden ring (a fixed random order), and every sequence of 16 tokens walks that ring with its
/// class's step (1, 2, 3 or 5 places), except that each token is, with probability 0.1, replaced by a uniformly random
/// one. All classes use every token equally often, and without knowing the ring a pair of neighbours says nothing about
/// the step; masked prediction can learn the ring from unlabelled sequences.
/// </summary>
internal static class RingWalks
{
    public static readonly int[] Steps = [1, 2, 3, 5];
    private const int Tokens = 16;
    private static readonly int[] Ring = Shuffled(Enumerable.Range(1, Tokens).ToArray(), new Random(7));

    public static (torch.Tensor Tokens, torch.Tensor Classes) Generate(int count, int seed)
    {
        var random = new Random(seed);
        var tokens = new long[count, 16];
        var classes = new long[count];
        for (int i = 0; i < count; i++)
        {
            classes[i] = random.Next(Steps.Length);
            int position = random.Next(Tokens);
            for (int t = 0; t < 16; t++)
            {
                tokens[i, t] = random.NextDouble() < 0.1 ? random.Next(Tokens) + 1 : Ring[position];
                position = (position + Steps[classes[i]]) % Tokens;
            }
        }
        return (torch.tensor(tokens), torch.tensor(classes));
    }

    private static int[] Shuffled(int[] values, Random random)
    {
        random.Shuffle(values);
        return values;
    }
}
