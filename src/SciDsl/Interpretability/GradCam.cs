using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// Grad-CAM (Selvaraju et al., 2017): a convolutional layer's feature maps weighted by the mean gradient of the target
/// score over each map, summed over channels, passed through ReLU and upsampled to the input's size.
/// </summary>
public static class GradCam
{
    /// <summary>
    /// One map per sample of <paramref name="x"/> [B, C, H, W], as [B, H, W]: ReLU(Σ_c α_c A_c) with A the output
    /// [B, K, h, w] of the layer registered as <paramref name="layer"/> and α_c the spatial mean of ∂y_target/∂A_c,
    /// bilinearly upsampled from h × w to H × W. One forward/backward pass for the batch; the model runs in eval mode and
    /// is left as it was.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No layer of that name, a layer whose output is not a feature map [B, K, h, w], x that is not [B, C, H, W], does
    /// not fit the model or holds NaN, or a target outside the output width.
    /// </exception>
    public static Tensor Compute(nn.Module<Tensor, Tensor> model, Tensor x, long target, string layer) =>
        Compute(model, new ModelInputs(("x", x)), target, layer);

    /// <summary>
    /// Grad-CAM for a model with several inputs: the layer's map does not depend on which input it came from, so this is
    /// one map per sample [B, H, W], upsampled to the height and width of the first floating-point image input
    /// [B, C, H, W]. One forward/backward pass; the model is left as it was.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No layer of that name, a layer whose output is not a feature map [B, K, h, w], no floating-point image input
    /// [B, C, H, W], inputs the model does not take or that hold NaN, or a target outside the output width.
    /// </exception>
    public static Tensor Compute(nn.Module model, ModelInputs inputs, long target, string layer)
    {
        const string method = nameof(GradCam);
        ArgumentNullException.ThrowIfNull(model);
        var hooked = NamedLayers.FindTensorLayer(model, layer, method);
        using var borrowed = AttributionModel.Borrow(model, inputs, method);
        int image = Array.FindIndex(borrowed.Inputs, x => x.is_floating_point() && x.dim() == 4);
        if (image < 0)
            throw new ArgumentException(
                $"{method}: {string.Join(", ", borrowed.Names.Select((name, i) => $"{name} has shape {AttributionModel.Shape(borrowed.Inputs[i])}"))}; Grad-CAM maps an image batch [B, C, H, W].",
                borrowed.Names[0]);
        var x = borrowed.Inputs[image];

        using var scope = NewDisposeScope();
        Tensor? featureMaps = null;
        var hook = hooked.register_forward_hook((_, _, output) =>
        {
            // A handle of its own, outside any scope: a model may dispose its intermediate results (nn.Sequential does).
            featureMaps = output.alias().DetachFromDisposeScope();
            return output;
        });
        Tensor score;
        // Parameters are frozen: the graph to the feature maps starts at the floating-point inputs.
        var points = borrowed.Inputs.Select((input, i) => borrowed.Attributed[i] ? input.detach().requires_grad_(true) : input).ToArray();
        try
        {
            score = borrowed.Score(points, target);
        }
        finally
        {
            hook.remove();
        }
        using var capturedMaps = featureMaps;
        if (featureMaps is null)
            throw new ArgumentException(
                $"{method}: layer '{layer}' did not run in the model's forward pass (a model must call it through call(), as generated models do for named layers).", nameof(layer));
        if (featureMaps.dim() != 4 || featureMaps.shape[0] != x.shape[0])
            throw new ArgumentException(
                $"{method}: layer '{layer}' outputs {AttributionModel.Shape(featureMaps)}; Grad-CAM needs convolutional feature maps [B, K, h, w].", nameof(layer));

        var gradient = torch.autograd.grad(new[] { score.sum() }, new[] { featureMaps })[0];
        var channelWeights = gradient.mean(new long[] { 2, 3 }, keepdim: true);
        var map = nn.functional.relu((channelWeights * featureMaps.detach()).sum(1, keepdim: true));
        var upsampled = nn.functional.interpolate(map, new[] { x.shape[2], x.shape[3] }, mode: InterpolationMode.Bilinear, align_corners: false);
        return upsampled.squeeze(1).detach().MoveToOuterDisposeScope();
    }
}
