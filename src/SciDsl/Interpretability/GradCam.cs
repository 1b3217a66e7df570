using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// Grad-CAM (Selvaraju et al., 2017): a convolutional layer's feature maps weighted by the mean gradient of the target
/// score over each map, summed over channels, passed through ReLU and upsampled to the input's size. Works on feature
/// maps with 1, 2 or 3 spatial dims (Conv1d over sequences, Conv2d over images, Conv3d over volumes).
/// </summary>
public static class GradCam
{
    /// <summary>
    /// One map per sample of <paramref name="x"/> [B, C, *spatial], as [B, *spatial]: ReLU(Σ_c α_c A_c) with A the output
    /// [B, K, *s] of the layer registered as <paramref name="layer"/> (the same number of spatial dims as x: [B, C, L],
    /// [B, C, H, W] or [B, C, D, H, W]) and α_c the spatial mean of ∂y_target/∂A_c, upsampled (linear, bilinear or
    /// trilinear) from s to x's spatial size. One forward/backward pass for the batch; the model runs in eval mode and is
    /// left as it was.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No layer of that name, a layer whose output is not a feature map [B, K, *s] of x's spatial rank, x that is not
    /// [B, C, *spatial] with 1 to 3 spatial dims, does not fit the model or holds NaN, or a target outside the output width.
    /// </exception>
    public static Tensor Compute(nn.Module<Tensor, Tensor> model, Tensor x, long target, string layer) =>
        Compute(model, new ModelInputs(("x", x)), target, layer);

    /// <summary>
    /// Grad-CAM for a model with several inputs: the layer's map does not depend on which input it came from, so this is
    /// one map per sample [B, *spatial], upsampled to the spatial size of the first floating-point input with as many
    /// spatial dims as the layer's feature maps. One forward/backward pass; the model is left as it was.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No layer of that name, a layer whose output is not a feature map [B, K, *s], no floating-point input [B, C, *spatial]
    /// of the same spatial rank, inputs the model does not take or that hold NaN, or a target outside the output width.
    /// </exception>
    public static Tensor Compute(nn.Module model, ModelInputs inputs, long target, string layer)
    {
        const string method = nameof(GradCam);
        ArgumentNullException.ThrowIfNull(model);
        var hooked = NamedLayers.FindTensorLayer(model, layer, method);
        using var borrowed = AttributionModel.Borrow(model, inputs, method);
        string Inputs() => string.Join(", ", borrowed.Names.Select((name, i) => $"{name} has shape {AttributionModel.Shape(borrowed.Inputs[i])}"));
        if (!borrowed.Inputs.Any(x => x.is_floating_point() && IsFeatureMapRank(x.dim())))
            throw new ArgumentException(
                $"{method}: {Inputs()}; Grad-CAM maps an input [B, C, *spatial] with 1 to 3 spatial dims: [B, C, L], [B, C, H, W] or [B, C, D, H, W].",
                borrowed.Names[0]);

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
        if (!IsFeatureMapRank(featureMaps.dim()) || featureMaps.shape[0] != borrowed.Inputs[0].shape[0])
            throw new ArgumentException(
                $"{method}: layer '{layer}' outputs {AttributionModel.Shape(featureMaps)}; Grad-CAM needs convolutional feature maps [B, K, *spatial] with 1 to 3 spatial dims.", nameof(layer));
        // The map is upsampled to the first floating-point input whose spatial rank matches the feature maps'.
        var x = borrowed.Inputs.FirstOrDefault(input => input.is_floating_point() && input.dim() == featureMaps.dim())
            ?? throw new ArgumentException(
                $"{method}: layer '{layer}' outputs {AttributionModel.Shape(featureMaps)} with {featureMaps.dim() - 2} spatial dim{(featureMaps.dim() == 3 ? "" : "s")} but {Inputs()}; Grad-CAM upsamples the map to a floating-point input [B, C, *spatial] of the same spatial rank, so name a layer whose spatial rank matches the input's.",
                nameof(layer));

        var spatial = Enumerable.Range(2, (int)featureMaps.dim() - 2).Select(d => (long)d).ToArray();
        var gradient = torch.autograd.grad(new[] { score.sum() }, new[] { featureMaps })[0];
        var channelWeights = gradient.mean(spatial, keepdim: true);
        var map = nn.functional.relu((channelWeights * featureMaps.detach()).sum(1, keepdim: true));
        var mode = spatial.Length switch { 1 => InterpolationMode.Linear, 2 => InterpolationMode.Bilinear, _ => InterpolationMode.Trilinear };
        var upsampled = nn.functional.interpolate(map, x.shape[2..], mode: mode, align_corners: false);
        return upsampled.squeeze(1).detach().MoveToOuterDisposeScope();
    }

    /// <summary>[B, C, L], [B, C, H, W] or [B, C, D, H, W]: the ranks a convolutional feature map (and its input) can have.</summary>
    private static bool IsFeatureMapRank(long rank) => rank is >= 3 and <= 5;
}
