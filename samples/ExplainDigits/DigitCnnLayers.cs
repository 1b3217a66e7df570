using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Samples.Digits;

/// <summary>Reads the output of one named layer of <see cref="DigitCnn"/>.</summary>
internal static class DigitCnnLayers
{
    /// <summary>
    /// The output of the child module named <paramref name="layer"/> for <paramref name="x"/>, in eval mode without
    /// gradients. DigitCnn is a plain stack whose children are registered in forward order, so running them in turn up
    /// to the layer reproduces its input (the generated forward calls children's forward directly, which TorchSharp's
    /// forward hooks do not see).
    /// </summary>
    public static Tensor Activations(DigitCnn cnn, string layer, Tensor x)
    {
        cnn.eval();
        using var noGrad = no_grad();
        foreach (var (name, child) in cnn.named_children())
        {
            x = ((nn.Module<Tensor, Tensor>)child).forward(x);
            if (name == layer)
                return x;
        }
        throw new ArgumentException($"DigitCnn has no layer {layer}.", nameof(layer));
    }
}
