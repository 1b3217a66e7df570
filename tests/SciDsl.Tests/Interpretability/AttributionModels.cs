using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>Small hand-built models whose true attributions are known, for the attribution tests.</summary>
internal static class AttributionModels
{
    /// <summary>W [3, 4]: row 1 is the target the tests explain.</summary>
    public static readonly float[,] LinearWeight =
    {
        { 0.5f, -1.0f, 2.0f, 0.25f },
        { -1.5f, 0.75f, 3.0f, -2.0f },
        { 1.0f, 1.0f, -0.5f, 0.0f },
    };

    public static readonly float[] LinearBias = { 0.1f, -0.3f, 0.7f };

    /// <summary>y = W x + b with <see cref="LinearWeight"/> and <see cref="LinearBias"/>.</summary>
    public static nn.Module<Tensor, Tensor> Linear()
    {
        var linear = nn.Linear(4, 3);
        using (no_grad())
        {
            linear.weight!.copy_(tensor(LinearWeight));
            linear.bias!.copy_(tensor(LinearBias));
        }
        return linear;
    }

    /// <summary>A fixed random 6 → 16 → 3 MLP with tanh.</summary>
    public static nn.Module<Tensor, Tensor> TanhMlp(long seed)
    {
        torch.manual_seed(seed);
        return nn.Sequential(nn.Linear(6, 16), nn.Tanh(), nn.Linear(16, 3));
    }

    /// <summary>A fixed random CNN on [B, 1, 8, 8] with tanh and a dropout layer (inactive in eval mode).</summary>
    public static nn.Module<Tensor, Tensor> TanhCnn(long seed)
    {
        torch.manual_seed(seed);
        return nn.Sequential(
            nn.Conv2d(1, 4, 3), nn.Tanh(), nn.Dropout(0.5), nn.Flatten(), nn.Linear(4 * 6 * 6, 3));
    }
}
