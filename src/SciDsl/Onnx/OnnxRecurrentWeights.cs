using TorchSharp;

namespace SciDsl.Onnx;

/// <summary>
/// Packs the weights of a TorchSharp <c>LSTM</c>, <c>GRU</c> or <c>RNN</c> layer into the inputs of the ONNX
/// operator of the same name: <c>W [dirs, gates·H, I]</c>, <c>R [dirs, gates·H, H]</c> and <c>B [dirs, 2·gates·H]</c>
/// (input bias, then recurrent bias), with the gate blocks in ONNX order. TorchSharp exposes these weights only
/// by name (<c>weight_ih_l0</c>, <c>bias_hh_l1_reverse</c>, …), so they are read from <c>named_parameters()</c>.
/// </summary>
public static class OnnxRecurrentWeights
{
    /// <summary>PyTorch's LSTM blocks are i, f, g, o; ONNX's are i, o, f, c.</summary>
    public static readonly int[] LstmGateOrder = [0, 3, 1, 2];

    /// <summary>PyTorch's GRU blocks are r, z, n; ONNX's are z, r, h.</summary>
    public static readonly int[] GruGateOrder = [1, 0, 2];

    /// <summary>A plain RNN has one block.</summary>
    public static readonly int[] RnnGateOrder = [0];

    /// <summary>ONNX <c>W</c> of stacked layer <paramref name="layer"/>.</summary>
    public static torch.Tensor InputWeights(torch.nn.Module module, int layer, int directions, int[] gateOrder) =>
        Stack(module, "weight_ih", layer, directions, gateOrder);

    /// <summary>ONNX <c>R</c> of stacked layer <paramref name="layer"/>.</summary>
    public static torch.Tensor RecurrentWeights(torch.nn.Module module, int layer, int directions, int[] gateOrder) =>
        Stack(module, "weight_hh", layer, directions, gateOrder);

    /// <summary>ONNX <c>B</c> of stacked layer <paramref name="layer"/>: input biases ‖ recurrent biases per direction.</summary>
    public static torch.Tensor Biases(torch.nn.Module module, int layer, int directions, int[] gateOrder)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var scope = torch.NewDisposeScope();
        var parameters = Parameters(module);
        return torch.stack(Enumerable.Range(0, directions).Select(direction => torch.cat(
        [
            Reorder(Find(parameters, module, "bias_ih", layer, direction), gateOrder),
            Reorder(Find(parameters, module, "bias_hh", layer, direction), gateOrder),
        ])).ToArray()).MoveToOuterDisposeScope();
    }

    private static torch.Tensor Stack(torch.nn.Module module, string kind, int layer, int directions, int[] gateOrder)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var scope = torch.NewDisposeScope();
        var parameters = Parameters(module);
        return torch.stack(Enumerable.Range(0, directions)
            .Select(direction => Reorder(Find(parameters, module, kind, layer, direction), gateOrder)).ToArray()).MoveToOuterDisposeScope();
    }

    private static Dictionary<string, torch.Tensor> Parameters(torch.nn.Module module) =>
        module.named_parameters().ToDictionary(p => p.name, p => (torch.Tensor)p.parameter, StringComparer.Ordinal);

    private static torch.Tensor Find(Dictionary<string, torch.Tensor> parameters, torch.nn.Module module, string kind, int layer, int direction)
    {
        string name = $"{kind}_l{layer}{(direction == 1 ? "_reverse" : "")}";
        return parameters.TryGetValue(name, out var parameter)
            ? parameter.detach()
            : throw new ArgumentException($"{module.GetName()} has no parameter '{name}'; ONNX export needs biased recurrent layers.", nameof(module));
    }

    /// <summary>Splits the first dim into the gate blocks and joins them in <paramref name="gateOrder"/>.</summary>
    private static torch.Tensor Reorder(torch.Tensor weight, int[] gateOrder)
    {
        var blocks = weight.chunk(gateOrder.Length, 0);
        return torch.cat(gateOrder.Select(gate => blocks[gate]).ToArray(), 0);
    }
}
