using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Interpretability;

/// <summary>
/// A model borrowed for one attribution: switched to eval mode with its parameters frozen, and on disposal given back
/// with every module's training mode and every parameter's <c>requires_grad</c> flag as they were. Gradients are taken
/// with <c>torch.autograd.grad</c> with respect to the floating-point inputs only, so parameters' <c>.grad</c> tensors
/// are never touched. Integer inputs (token ids) are held fixed and get no gradient.
/// </summary>
internal sealed class AttributionModel : IDisposable
{
    private readonly Func<Tensor[], Tensor> forward;
    private readonly string method;
    private readonly List<(nn.Module Module, bool Training)> modes;
    private readonly List<(TorchSharp.Modules.Parameter Parameter, bool RequiresGrad)> flags;
    private readonly IDisposable gradMode;

    private AttributionModel(nn.Module model, Func<Tensor[], Tensor> forward, ModelInputs inputs, string method)
    {
        this.forward = forward;
        this.method = method;
        Names = inputs.Select(i => i.Name).ToArray();
        Inputs = inputs.Select(i => i.Value.detach()).ToArray();
        Attributed = Inputs.Select(i => i.is_floating_point()).ToArray();
        // modules() lists the descendants (not the model itself) parents first, so restoring in this order lets a
        // child keep a mode that differs from its parent's.
        modes = new[] { model }.Concat(model.modules()).Select(m => (m, m.training)).ToList();
        flags = model.parameters().Select(p => (p, p.requires_grad)).ToList();
        model.eval();
        foreach (var (parameter, _) in flags)
            parameter.requires_grad_(false);
        gradMode = torch.enable_grad();
    }

    /// <summary>The inputs' names, in the model's order.</summary>
    public string[] Names { get; }

    /// <summary>The inputs, detached, in the model's order.</summary>
    public Tensor[] Inputs { get; }

    /// <summary>Whether each input is floating-point, so attributed; integer inputs are held fixed.</summary>
    public bool[] Attributed { get; }

    /// <summary>The batch size every input shares.</summary>
    public long Batch => Inputs[0].shape[0];

    /// <summary>Checks the input and borrows a one-input <paramref name="model"/> for <paramref name="method"/>.</summary>
    /// <exception cref="ArgumentException">The input has no batch dimension, is empty, is not floating-point, or holds NaN or ±∞.</exception>
    public static AttributionModel Borrow(nn.Module<Tensor, Tensor> model, Tensor x, string method)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Borrow(model, OneInput(model, x), method);
    }

    /// <summary>
    /// The one input of <paramref name="model"/>, named as the model declares it (a generated model's signature, e.g.
    /// <c>image</c>) so that errors name the argument the caller knows; <c>x</c> for a hand-written model.
    /// </summary>
    public static ModelInputs OneInput(nn.Module model, Tensor x) =>
        new((SignatureOf(model) is { Inputs.Count: 1 } signature ? signature.Inputs[0].Name : "x", x));

    /// <summary>Checks the inputs against <paramref name="model"/> and borrows it for <paramref name="method"/>.</summary>
    /// <exception cref="ArgumentException">
    /// A model that does not take this many tensors, an input without a batch dimension or with another batch size than
    /// the first, no floating-point input, or NaN or ±∞ in one.
    /// </exception>
    public static AttributionModel Borrow(nn.Module model, ModelInputs inputs, string method)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        var forward = Forward(model, inputs, method);
        long batch = inputs[0].Value.dim() > 0 ? inputs[0].Value.shape[0] : 0;
        foreach (var (name, x) in inputs)
        {
            if (x.dim() < (x.is_floating_point() ? 2 : 1) || x.shape[0] == 0)
                throw new ArgumentException(
                    $"{method}: {name} has shape {Shape(x)}; expected a non-empty batch [B, ...] with at least one dimension per sample.", name);
            if (x.shape[0] != batch)
                throw new ArgumentException(
                    $"{method}: {name} has shape {Shape(x)}, a batch of {x.shape[0]}; expected {batch} samples like {inputs[0].Name} {Shape(inputs[0].Value)}.", name);
            if (x.is_floating_point() && !x.isfinite().all().item<bool>())
                throw new ArgumentException(
                    $"{method}: {name} of shape {Shape(x)} contains NaN or infinite values; attributions of such inputs are NaN or meaningless.", name);
        }
        if (!inputs.Any(i => i.Value.is_floating_point()))
            throw new ArgumentException(
                $"{method}: {string.Join(", ", inputs.Select(i => $"{i.Name} has dtype {i.Value.dtype}"))}; attributions need a floating-point input.",
                inputs[0].Name);
        return new AttributionModel(model, forward, inputs, method);
    }

    /// <summary>
    /// The target column of the model's output [B, C] for the batch <paramref name="xs"/>, as [B]. <paramref name="xs"/>
    /// may be derived from the borrowed inputs (interpolated, noisy or occluded copies); errors quote the borrowed
    /// inputs' shapes, which are the ones the caller knows.
    /// </summary>
    public Tensor Score(Tensor[] xs, long target)
    {
        var output = Output(xs);
        if (target < 0 || target >= output.shape[1])
            throw new ArgumentOutOfRangeException(nameof(target), target,
                $"{method}: target {target} is outside the model's output width {output.shape[1]} (valid 0..{output.shape[1] - 1}).");
        return output[TensorIndex.Colon, target];
    }

    /// <summary>The model's output [B, C] for the batch <paramref name="xs"/>, checked to hold one row per sample.</summary>
    public Tensor Output(Tensor[] xs)
    {
        Tensor output;
        try
        {
            output = forward(xs);
        }
        catch (ShapeMismatchException e) when (e.Layer is null)
        {
            // A generated model checks its inputs against the declared shapes; the message names the input and what it expects.
            int given = Math.Max(0, Array.IndexOf(Names, e.ParamName));
            throw new ArgumentException(
                $"{method}: {Names[given]} of shape {Shape(Inputs[given])} does not fit the model: {e.Message}", Names[given], e);
        }
        catch (ShapeMismatchException e)
        {
            throw new ArgumentException($"{method}: {e.Message}", e.ParamName, e);
        }
        catch (ExternalException e)
        {
            string taken = string.Join(", ", Names.Select((name, i) => $"{name} of shape {Shape(Inputs[i])} (per sample {Shape(Inputs[i], skip: 1)})"));
            throw new ArgumentException($"{method}: the model cannot take {taken}: {FirstLine(e.Message)}", Names[0], e);
        }
        if (output.dim() != 2 || output.shape[0] != xs[0].shape[0])
            throw new ArgumentException(
                $"{method}: the model's output has shape {Shape(output)} for {Names[0]} of shape {Shape(xs[0])}; attribution needs an output [B, C] with one row per sample.", Names[0]);
        return output;
    }

    /// <summary>∂score_target/∂x for each row of each floating-point input of <paramref name="xs"/> (null for integer inputs); rows are independent in eval mode.</summary>
    public Tensor?[] Gradients(Tensor[] xs, long target)
    {
        var points = xs.Select((x, i) => Attributed[i] ? x.detach().requires_grad_(true) : x).ToArray();
        var score = Score(points, target).sum();
        var attributed = Enumerable.Range(0, xs.Length).Where(i => Attributed[i]).ToArray();
        var gradients = torch.autograd.grad(new[] { score }, attributed.Select(i => points[i]).ToArray());
        var result = new Tensor?[xs.Length];
        for (int k = 0; k < attributed.Length; k++)
            result[attributed[k]] = gradients[k];
        return result;
    }

    /// <summary>
    /// Per floating-point input (null for integer inputs), Σ over <paramref name="rows"/> derived rows r of weight(r) ·
    /// ∂score_target/∂x at row r's point, summed into the borrowed input's sample r mod B, in float64;
    /// <paramref name="chunkSize"/> rows per forward/backward pass.
    /// </summary>
    /// <param name="pointsOf">Every input's points of a chunk from its row indices and their sample indices.</param>
    /// <param name="weightOf">The weights [rows] of a chunk's rows, or null for 1.</param>
    public Tensor?[] SumGradients(
        long rows, int chunkSize, long target, Func<Tensor, Tensor, Tensor[]> pointsOf, Func<Tensor, Tensor>? weightOf = null)
    {
        CheckChunkSize(chunkSize);
        var totals = Inputs.Select((x, i) => Attributed[i] ? zeros(x.shape, float64) : null).ToArray();
        for (long start = 0; start < rows; start += chunkSize)
        {
            using var chunkScope = NewDisposeScope();
            var row = arange(start, Math.Min(start + chunkSize, rows), int64);
            var sample = row % Batch;
            var gradients = Gradients(pointsOf(row, sample), target);
            for (int i = 0; i < totals.Length; i++)
            {
                if (totals[i] is not { } total) continue;
                var gradient = gradients[i]!.to(float64);
                total.index_add_(0, sample, weightOf is null ? gradient : gradient * PerRow(weightOf(row), gradient), 1);
            }
        }
        return totals;
    }

    /// <summary>
    /// clean − perturbed target score, in float64, of <paramref name="rows"/> perturbed rows, row r derived from the
    /// borrowed inputs' sample r mod B; <paramref name="chunkSize"/> rows per forward pass without gradients. Each pass
    /// also scores the clean samples its rows come from, so a row equal to its clean sample is computed bit-for-bit like
    /// it and drops exactly 0 (another batch size may take another BLAS path).
    /// </summary>
    /// <param name="pointsOf">Every input's perturbed points of a chunk from its row indices and their sample indices.</param>
    public Tensor Drops(long rows, int chunkSize, long target, Func<Tensor, Tensor, Tensor[]> pointsOf)
    {
        CheckChunkSize(chunkSize);
        var drops = zeros(rows, float64);
        for (long start = 0; start < rows; start += chunkSize)
        {
            using var chunkScope = NewDisposeScope();
            var row = arange(start, Math.Min(start + chunkSize, rows), int64);
            var sample = row % Batch;
            long count = row.shape[0];
            // The rows are consecutive: a chunk of at least B rows holds every sample, a shorter one each at most once.
            var samples = count >= Batch ? arange(Batch, int64) : sample;
            var cleanOfRow = count >= Batch ? sample : arange(count, int64);
            var perturbed = pointsOf(row, sample);
            var scores = ScoreWithoutGradient(Inputs.Select((input, i) => cat(new[] { input.index_select(0, samples), perturbed[i] })).ToArray(), target);
            long clean = samples.shape[0];
            var drop = scores[TensorIndex.Slice(0, clean)].index_select(0, cleanOfRow) - scores[TensorIndex.Slice(clean)];
            drops[TensorIndex.Slice(start, start + count)] = drop.to(float64);
        }
        return drops;
    }

    /// <summary>The target score without building a graph.</summary>
    public Tensor ScoreWithoutGradient(Tensor[] xs, long target)
    {
        using var _ = torch.no_grad();
        return Score(xs, target);
    }

    /// <summary>Each attributed input's tensor by name, moved out of the caller's dispose scope, in the model's order.</summary>
    public IReadOnlyDictionary<string, Tensor> ByName(Tensor?[] perInput)
    {
        var named = new Dictionary<string, Tensor>();
        for (int i = 0; i < Names.Length; i++)
            if (Attributed[i])
                named[Names[i]] = perInput[i]!.MoveToOuterDisposeScope();
        return named;
    }

    /// <summary>Values [n] reshaped to broadcast over rows [n, ...] of <paramref name="like"/>.</summary>
    public static Tensor PerRow(Tensor values, Tensor like) =>
        values.reshape(new long[] { -1 }.Concat(Enumerable.Repeat(1L, (int)like.dim() - 1)).ToArray());

    public void Dispose()
    {
        gradMode.Dispose();
        foreach (var (module, training) in modes)
            module.train(training);
        foreach (var (parameter, requiresGrad) in flags)
            parameter.requires_grad_(requiresGrad);
    }

    private void CheckChunkSize(int chunkSize)
    {
        if (chunkSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, $"{method}: chunkSize must be at least 1 row.");
    }

    internal static string Shape(Tensor t, int skip = 0) => $"[{string.Join(", ", t.shape.Skip(skip))}]";

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>What a generated model declares it takes (its static <c>Signature</c>); null for a hand-written model.</summary>
    private static ModelSignature? SignatureOf(nn.Module model) =>
        model.GetType().GetProperty("Signature", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as ModelSignature;

    /// <summary>How to run <paramref name="model"/> on the inputs: TorchSharp's modules of one to six tensors.</summary>
    private static Func<Tensor[], Tensor> Forward(nn.Module model, ModelInputs inputs, string method)
    {
        (int Count, Func<Tensor[], Tensor> Forward)? taken = model switch
        {
            nn.Module<Tensor, Tensor> m => (1, xs => m.forward(xs[0])),
            nn.Module<Tensor, Tensor, Tensor> m => (2, xs => m.forward(xs[0], xs[1])),
            nn.Module<Tensor, Tensor, Tensor, Tensor> m => (3, xs => m.forward(xs[0], xs[1], xs[2])),
            nn.Module<Tensor, Tensor, Tensor, Tensor, Tensor> m => (4, xs => m.forward(xs[0], xs[1], xs[2], xs[3])),
            nn.Module<Tensor, Tensor, Tensor, Tensor, Tensor, Tensor> m => (5, xs => m.forward(xs[0], xs[1], xs[2], xs[3], xs[4])),
            nn.Module<Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor> m => (6, xs => m.forward(xs[0], xs[1], xs[2], xs[3], xs[4], xs[5])),
            _ => null,
        };
        if (taken is null)
            throw new ArgumentException(
                $"{method}: the model is a {model.GetType().Name}, which does not map one to six tensors to one tensor of scores [B, C].", nameof(model));
        if (taken.Value.Count != inputs.Count)
            throw new ArgumentException(
                $"{method}: the model takes {taken.Value.Count} input(s) but received {inputs.Count} ({string.Join(", ", inputs.Select(i => $"{i.Name} {Shape(i.Value)}"))}); pass one tensor per input, in the order its forward takes them" +
                (SignatureOf(model) is { } signature ? $": {string.Join(", ", signature.Inputs)}." : "."),
                "inputs");
        return taken.Value.Forward;
    }
}
