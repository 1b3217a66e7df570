using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>y = W1 x1 + W2 x2 + b with x1 [B, 4] and x2 [B, 3]: each input's true attributions are known.</summary>
internal sealed class TwoInputLinear : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>W1 [2, 4]; row 1 is the target the tests explain.</summary>
    public static readonly float[,] FirstWeight = { { 0.5f, -1.0f, 2.0f, 0.25f }, { -1.5f, 0.75f, 3.0f, -2.0f } };

    /// <summary>W2 [2, 3].</summary>
    public static readonly float[,] SecondWeight = { { 1.0f, 0.5f, -0.5f }, { 0.25f, -3.0f, 1.25f } };

    private readonly TorchSharp.Modules.Linear first = nn.Linear(4, 2);
    private readonly TorchSharp.Modules.Linear second = nn.Linear(3, 2, hasBias: false);

    public TwoInputLinear() : base(nameof(TwoInputLinear))
    {
        using (no_grad())
        {
            first.weight!.copy_(tensor(FirstWeight));
            first.bias!.copy_(tensor(new[] { 0.1f, -0.3f }));
            second.weight!.copy_(tensor(SecondWeight));
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor x1, Tensor x2) => first.call(x1) + second.call(x2);
}

/// <summary>A fixed random tanh MLP on the concatenation of x1 [B, 4] and x2 [B, 3].</summary>
internal sealed class TwoInputTanhMlp : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> layers;

    public TwoInputTanhMlp(long seed) : base(nameof(TwoInputTanhMlp))
    {
        torch.manual_seed(seed);
        layers = nn.Sequential(nn.Linear(7, 16), nn.Tanh(), nn.Dropout(0.5), nn.Linear(16, 3));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x1, Tensor x2) => layers.call(cat(new[] { x1, x2 }, 1));
}

/// <summary>Column 1 is Σ x1 ⊙ x2 (per sample): its gradient with respect to one input is the other input.</summary>
internal sealed class Bilinear : nn.Module<Tensor, Tensor, Tensor>
{
    public Bilinear() : base(nameof(Bilinear)) { }

    public override Tensor forward(Tensor x1, Tensor x2)
    {
        var product = (x1 * x2).reshape(x1.shape[0], -1).sum(1);
        return stack(new[] { zeros_like(product), product }, 1);
    }
}

/// <summary>
/// Two sequences [B, 2, 10]; column 1 reads only x1's channel 1 at positions 0–1 and x2's channel 0 at positions 6–7
/// (each summed), the planted features occlusion should find.
/// </summary>
internal sealed class PlantedPair : nn.Module<Tensor, Tensor, Tensor>
{
    public PlantedPair() : base(nameof(PlantedPair)) { }

    public override Tensor forward(Tensor x1, Tensor x2)
    {
        var evidence = x1.select(1, 1).narrow(1, 0, 2).sum(1) + 2 * x2.select(1, 0).narrow(1, 6, 2).sum(1);
        return stack(new[] { -evidence, evidence }, 1);
    }
}

/// <summary>Token ids [B, 5] (embedded and averaged) plus a float vector x [B, 4] through a known linear map.</summary>
internal sealed class IdsAndValues : nn.Module<Tensor, Tensor, Tensor>
{
    public static readonly float[,] ValueWeight = { { 1.0f, -2.0f, 0.5f, 0.0f }, { 0.75f, 0.25f, -1.0f, 3.0f } };

    private readonly TorchSharp.Modules.Embedding embedding;
    private readonly TorchSharp.Modules.Linear values = nn.Linear(4, 2, hasBias: false);

    public IdsAndValues() : base(nameof(IdsAndValues))
    {
        torch.manual_seed(5);
        embedding = nn.Embedding(11, 2);
        using (no_grad())
            values.weight!.copy_(tensor(ValueWeight));
        RegisterComponents();
    }

    public override Tensor forward(Tensor ids, Tensor x) => embedding.call(ids).mean(new long[] { 1 }) + values.call(x);
}

/// <summary>An image x [B, 1, 8, 8] through a named conv layer <c>features</c>, plus a tabular z [B, 3] added to the scores.</summary>
internal sealed class ImageAndTabular : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Conv2d features;
    private readonly TorchSharp.Modules.Linear head;
    private readonly TorchSharp.Modules.Linear side;

    public ImageAndTabular(long seed) : base(nameof(ImageAndTabular))
    {
        torch.manual_seed(seed);
        features = nn.Conv2d(1, 3, 3, padding: 1);
        head = nn.Linear(3, 2);
        side = nn.Linear(3, 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor z) =>
        head.call(nn.functional.relu(features.call(x)).mean(new long[] { 2, 3 })) + side.call(z);
}

/// <summary>A two-input model seen as a one-input model of its first input, the second held at a fixed value.</summary>
internal sealed class FirstInputOf : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor, Tensor> inner;
    private readonly Tensor second;

    public FirstInputOf(nn.Module<Tensor, Tensor, Tensor> inner, Tensor second) : base(nameof(FirstInputOf))
    {
        this.inner = inner;
        this.second = second;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => inner.call(x, second);
}
