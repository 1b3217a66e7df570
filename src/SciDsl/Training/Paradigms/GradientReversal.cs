using TorchSharp;

namespace SciDsl;

/// <summary>DANN's gradient reversal layer (Ganin et al., 2016): the identity going forward, −λ times the gradient going back.</summary>
internal static class GradientReversal
{
    /// <summary>
    /// <paramref name="input"/>'s values, unchanged; back-propagation hands <paramref name="input"/> −<paramref name="lambda"/>
    /// times the gradient that reaches the result, so what lies below learns to increase the loss computed above.
    /// </summary>
    public static torch.Tensor Apply(torch.Tensor input, double lambda)
    {
        var constant = input.detach();
        // Forward: constant − λ·0, exactly the input; backward: d/d(input) = −λ.
        return constant - lambda * (input - constant);
    }
}
