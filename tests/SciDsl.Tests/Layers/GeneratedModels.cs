using System.Globalization;
using SciDsl.Tests.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Layers;

/// <summary>Helpers for driving generated models in tests.</summary>
public static class GeneratedModels
{
    /// <summary>The node counts a symbolic <c>N</c> takes in parity checks: two, so a size baked into the file shows.</summary>
    public static readonly long[] GraphNodes = [3, 5];

    /// <summary>The concrete shape of <paramref name="signature"/> with its symbols set from <paramref name="sizes"/>.</summary>
    public static long[] Concrete(TensorSignature signature, IReadOnlyDictionary<string, long> sizes) =>
        signature.Dims.Select(dim => sizes.TryGetValue(dim, out long size) ? size : long.Parse(dim, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>
    /// Makes the state that defaults hide visible: random norm running statistics, and random
    /// 1-D parameters (biases and norm scales/shifts that would otherwise start at 0 and 1).
    /// </summary>
    public static void RandomiseState(nn.Module model)
    {
        using var noGrad = no_grad();
        foreach (var (name, buffer) in model.named_buffers())
        {
            if (name.EndsWith("running_mean", StringComparison.Ordinal)) buffer.copy_(randn_like(buffer));
            else if (name.EndsWith("running_var", StringComparison.Ordinal)) buffer.copy_(rand_like(buffer) + 0.5);
        }
        foreach (var parameter in model.parameters().Where(p => p.dim() == 1))
            parameter.copy_(randn_like(parameter) * 0.5);
    }

    /// <summary>Eval-mode forward of a one- or two-input model without autograd.</summary>
    public static Tensor Infer(nn.Module model, params Tensor[] inputs)
    {
        using var noGrad = no_grad();
        return (model, inputs.Length) switch
        {
            (nn.Module<Tensor, Tensor> one, 1) => one.forward(inputs[0]),
            (nn.Module<Tensor, Tensor, Tensor> two, 2) => two.forward(inputs[0], inputs[1]),
            _ => throw new ArgumentException($"{model.GetType().Name} is not a model with {inputs.Length} tensor input(s)"),
        };
    }

    /// <summary>
    /// For each batch size: random input, eval forward has the signature's output shape, and the
    /// exported file at <paramref name="onnxPath"/> reproduces it in ONNX Runtime.
    /// </summary>
    public static void AssertOnnxParity(nn.Module<Tensor, Tensor> model, ModelSignature signature, string onnxPath, params long[] batches) =>
        AssertOnnxParity(model, signature, onnxPath, batches, [], [GraphNodes[0]], shape => randn(shape));

    /// <summary>
    /// As above, at every batch size and every sequence length in <paramref name="lengths"/> (none: the
    /// model has no symbol T), with inputs from <paramref name="makeInput"/>.
    /// </summary>
    public static void AssertOnnxParity(nn.Module<Tensor, Tensor> model, ModelSignature signature, string onnxPath,
        long[] batches, long[] lengths, Func<long[], Tensor> makeInput) =>
        AssertOnnxParity(model, signature, onnxPath, batches, lengths, [GraphNodes[0]], makeInput);

    /// <summary>
    /// For models with one or two inputs, at each batch size and each node count of a symbolic <c>N</c>. An input
    /// named <c>adj</c> is a random symmetric 0/1 adjacency whose last node has no edges; the others are normal noise.
    /// </summary>
    public static void AssertOnnxParity(nn.Module model, ModelSignature signature, string onnxPath, long[] batches, long[] nodeCounts) =>
        AssertOnnxParity(model, signature, onnxPath, batches, [], nodeCounts, shape => randn(shape));

    /// <summary>At each batch size, sequence length of a symbolic <c>T</c> and node count of a symbolic <c>N</c>.</summary>
    public static void AssertOnnxParity(nn.Module model, ModelSignature signature, string onnxPath,
        long[] batches, long[] lengths, long[] nodeCounts, Func<long[], Tensor> makeInput)
    {
        var output = signature.Outputs.Single();
        bool symbolicNodes = signature.Inputs.Any(input => input.Dims.Contains("N"));
        foreach (long batch in batches)
            foreach (long? length in lengths.Length == 0 ? [null] : lengths.Select(l => (long?)l))
                foreach (long nodes in symbolicNodes ? nodeCounts : nodeCounts.Take(1))
                {
                    using var scope = NewDisposeScope();
                    var sizes = new Dictionary<string, long> { ["B"] = batch, ["N"] = nodes };
                    if (length is { } steps) sizes["T"] = steps;
                    var inputs = signature.Inputs.ToDictionary(input => input.Name,
                        input => input.Name == "adj" ? RandomAdjacency(Concrete(input, sizes)) : makeInput(Concrete(input, sizes)));
                    var expected = Infer(model, signature.Inputs.Select(input => inputs[input.Name]).ToArray());
                    Assert.Equal(Concrete(output, sizes), expected.shape);
                    OnnxRuntimeParity.AssertMatches(onnxPath, inputs, expected);
                }
    }

    /// <summary>Symmetric 0/1 edges without self-loops; the last node is isolated, so zero degrees are exercised.</summary>
    public static Tensor RandomAdjacency(long[] shape)
    {
        long nodes = shape[^1];
        var upper = (rand(shape) < 0.5).to_type(ScalarType.Float32).triu(1);
        var adjacency = upper + upper.transpose(1, 2);
        adjacency[TensorIndex.Ellipsis, nodes - 1, TensorIndex.Colon] = 0;
        adjacency[TensorIndex.Ellipsis, TensorIndex.Colon, nodes - 1] = 0;
        return adjacency;
    }
}
