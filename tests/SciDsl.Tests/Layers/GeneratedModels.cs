using System.Globalization;
using SciDsl.Tests.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Layers;

/// <summary>Helpers for driving generated models in tests.</summary>
public static class GeneratedModels
{
    /// <summary>
    /// The concrete shape of <paramref name="signature"/> with its batch symbol <c>B</c> set to <paramref name="batch"/>
    /// and its sequence length symbol <c>T</c>, if any, to <paramref name="length"/>.
    /// </summary>
    public static long[] Concrete(TensorSignature signature, long batch, long? length = null) =>
        signature.Dims.Select(dim => dim switch
        {
            "B" => batch,
            "T" when length is { } steps => steps,
            _ => long.Parse(dim, NumberStyles.None, CultureInfo.InvariantCulture),
        }).ToArray();

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

    /// <summary>Eval-mode forward without autograd.</summary>
    public static Tensor Infer(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        using var noGrad = no_grad();
        return model.forward(input);
    }

    /// <summary>
    /// For each batch size: random input, eval forward has the signature's output shape, and the
    /// exported file at <paramref name="onnxPath"/> reproduces it in ONNX Runtime.
    /// </summary>
    public static void AssertOnnxParity(nn.Module<Tensor, Tensor> model, ModelSignature signature, string onnxPath, params long[] batches) =>
        AssertOnnxParity(model, signature, onnxPath, batches, [], shape => randn(shape));

    /// <summary>
    /// As above, at every batch size and every sequence length in <paramref name="lengths"/> (none: the
    /// model has no symbol T), with inputs from <paramref name="makeInput"/>.
    /// </summary>
    public static void AssertOnnxParity(nn.Module<Tensor, Tensor> model, ModelSignature signature, string onnxPath,
        long[] batches, long[] lengths, Func<long[], Tensor> makeInput)
    {
        var input = signature.Inputs.Single();
        var output = signature.Outputs.Single();
        foreach (long batch in batches)
            foreach (long? length in lengths.Length == 0 ? [null] : lengths.Select(l => (long?)l))
            {
                using var scope = NewDisposeScope();
                var x = makeInput(Concrete(input, batch, length));
                var expected = Infer(model, x);
                Assert.Equal(Concrete(output, batch, length), expected.shape);
                OnnxRuntimeParity.AssertMatches(onnxPath, new Dictionary<string, Tensor> { [input.Name] = x }, expected);
            }
    }
}
