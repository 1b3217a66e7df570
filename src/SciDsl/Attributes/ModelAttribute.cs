namespace SciDsl;

/// <summary>
/// Declares a model. The class must be <c>partial</c>; the layer attributes that follow are
/// applied in source order, and the generator emits a TorchSharp module for it.
/// </summary>
/// <param name="inputs">
/// Named symbolic input shapes, e.g. <c>"x: B,1,28,28"</c> or <c>"x: B,N,16; adj: B,N,N"</c>;
/// the first dim is the batch. Element types wrap the dims: <c>"tokens: int64[B,T]"</c>.
/// </param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModelAttribute(string inputs) : Attribute
{
    public string Inputs { get; } = inputs;
}

/// <summary>Names the nodes whose values the model returns (several make a tuple). Default: the last layer.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class OutputAttribute(params string[] nodes) : Attribute
{
    public string[] Nodes { get; } = nodes;
}

/// <summary>Base of every layer attribute.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public abstract class LayerAttribute : Attribute
{
    /// <summary>Makes the node addressable: a public property holding the module, and the ONNX node name.</summary>
    public string? Name { get; set; }

    /// <summary>Comma-separated node or input names this layer reads; default: the previous layer.</summary>
    public string? From { get; set; }
}
