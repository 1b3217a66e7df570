using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// A model borrowed for one attribution: switched to eval mode with its parameters frozen, and on disposal given back
/// with every module's training mode and every parameter's <c>requires_grad</c> flag as they were. Gradients are taken
/// with <c>torch.autograd.grad</c> with respect to the input only, so parameters' <c>.grad</c> tensors are never
/// touched.
/// </summary>
internal sealed class AttributionModel : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly string method;
    private readonly Tensor input;
    private readonly List<(nn.Module Module, bool Training)> modes;
    private readonly List<(TorchSharp.Modules.Parameter Parameter, bool RequiresGrad)> flags;
    private readonly IDisposable gradMode;

    private AttributionModel(nn.Module<Tensor, Tensor> model, Tensor input, string method)
    {
        this.model = model;
        this.input = input;
        this.method = method;
        // modules() lists the descendants (not the model itself) parents first, so restoring in this order lets a
        // child keep a mode that differs from its parent's.
        modes = new nn.Module[] { model }.Concat(model.modules()).Select(m => (m, m.training)).ToList();
        flags = model.parameters().Select(p => (p, p.requires_grad)).ToList();
        model.eval();
        foreach (var (parameter, _) in flags)
            parameter.requires_grad_(false);
        gradMode = torch.enable_grad();
    }

    /// <summary>Checks the input and borrows <paramref name="model"/> for <paramref name="method"/>.</summary>
    /// <exception cref="ArgumentException">The input has no batch dimension, is empty, or holds NaN or ±∞.</exception>
    public static AttributionModel Borrow(nn.Module<Tensor, Tensor> model, Tensor x, string method)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() < 2 || x.shape[0] == 0)
            throw new ArgumentException(
                $"{method}: x has shape {Shape(x)}; expected a non-empty batch [B, ...] with at least one dimension per sample.", nameof(x));
        if (!x.is_floating_point())
            throw new ArgumentException($"{method}: x has dtype {x.dtype}; attributions need a floating-point input.", nameof(x));
        if (!x.isfinite().all().item<bool>())
            throw new ArgumentException(
                $"{method}: x of shape {Shape(x)} contains NaN or infinite values; attributions of such inputs are NaN or meaningless.", nameof(x));
        return new AttributionModel(model, x, method);
    }

    /// <summary>
    /// The target column of the model's output [B, C] for the batch <paramref name="x"/>, as [B]. <paramref name="x"/>
    /// may be derived from the borrowed input (interpolated, noisy or occluded copies); errors quote the borrowed
    /// input's shape, which is the one the caller knows.
    /// </summary>
    public Tensor Score(Tensor x, long target)
    {
        var output = Output(x);
        if (target < 0 || target >= output.shape[1])
            throw new ArgumentOutOfRangeException(nameof(target), target,
                $"{method}: target {target} is outside the model's output width {output.shape[1]} (valid 0..{output.shape[1] - 1}).");
        return output[TensorIndex.Colon, target];
    }

    /// <summary>The model's output [B, C] for the batch <paramref name="x"/>, checked to hold one row per sample.</summary>
    public Tensor Output(Tensor x)
    {
        Tensor output;
        try
        {
            output = model.forward(x);
        }
        catch (ShapeMismatchException e) when (e.Layer is null)
        {
            // A generated model checks its input against the declared shape; the message says what it expects.
            throw new ArgumentException($"{method}: x of shape {Shape(input)} does not fit the model: {e.Message}", "x", e);
        }
        catch (ExternalException e)
        {
            throw new ArgumentException(
                $"{method}: the model cannot take x of shape {Shape(input)} (per sample {Shape(input, skip: 1)}): {FirstLine(e.Message)}", "x", e);
        }
        if (output.dim() != 2 || output.shape[0] != x.shape[0])
            throw new ArgumentException(
                $"{method}: the model's output has shape {Shape(output)} for x of shape {Shape(x)}; attribution needs an output [B, C] with one row per sample.", "x");
        return output;
    }

    /// <summary>∂score_target/∂x for each row of <paramref name="x"/>; rows are independent in eval mode.</summary>
    public Tensor Gradient(Tensor x, long target)
    {
        var input = x.detach().requires_grad_(true);
        var score = Score(input, target).sum();
        return torch.autograd.grad(new[] { score }, new[] { input })[0];
    }

    /// <summary>
    /// Σ over <paramref name="rows"/> derived rows r of weight(r) · ∂score_target/∂x at row r's point, summed into the
    /// borrowed input's sample r mod B, in float64; <paramref name="chunkSize"/> rows per forward/backward pass.
    /// </summary>
    /// <param name="pointsOf">The points of a chunk from its row indices and their sample indices.</param>
    /// <param name="weightOf">The weights of a chunk's rows (broadcastable to its points), or null for 1.</param>
    public Tensor SumGradients(
        long rows, int chunkSize, long target, Func<Tensor, Tensor, Tensor> pointsOf, Func<Tensor, Tensor>? weightOf = null)
    {
        if (chunkSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, $"{method}: chunkSize must be at least 1 row.");
        long batch = input.shape[0];
        var total = zeros(input.shape, float64);
        for (long start = 0; start < rows; start += chunkSize)
        {
            using var chunkScope = NewDisposeScope();
            var row = arange(start, Math.Min(start + chunkSize, rows), int64);
            var sample = row % batch;
            var gradient = Gradient(pointsOf(row, sample), target).to(float64);
            total.index_add_(0, sample, weightOf is null ? gradient : gradient * weightOf(row), 1);
        }
        return total;
    }

    /// <summary>The target score without building a graph.</summary>
    public Tensor ScoreWithoutGradient(Tensor x, long target)
    {
        using var _ = torch.no_grad();
        return Score(x, target);
    }

    public void Dispose()
    {
        gradMode.Dispose();
        foreach (var (module, training) in modes)
            module.train(training);
        foreach (var (parameter, requiresGrad) in flags)
            parameter.requires_grad_(requiresGrad);
    }

    internal static string Shape(Tensor t, int skip = 0) => $"[{string.Join(", ", t.shape.Skip(skip))}]";

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
