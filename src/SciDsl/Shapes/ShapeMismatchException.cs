namespace SciDsl;

/// <summary>
/// A tensor given to a generated model does not have the declared shape, or a layer whose output shape is
/// declared rather than inferred (a <c>[Lambda]</c>) returned another one (<see cref="Layer"/> is then set).
/// </summary>
public sealed class ShapeMismatchException : ArgumentException
{
    public ShapeMismatchException(string model, string input, string expected, string actual, string reason)
        : this($"{model}.forward: input '{input}' must have shape {expected} but has {actual}: {reason}.", input, model, input, expected, actual, layer: null)
    {
    }

    private ShapeMismatchException(string message, string? parameter, string model, string input, string expected, string actual, string? layer)
        : base(message, parameter)
    {
        Model = model;
        Input = input;
        Expected = expected;
        Actual = actual;
        Layer = layer;
    }

    /// <summary>
    /// The result of <paramref name="layer"/> (as written, e.g. <c>Lambda(nameof(Twice), "B,C*2")</c>), node
    /// <paramref name="node"/>, does not have its declared shape <paramref name="expected"/>.
    /// </summary>
    public static ShapeMismatchException ForLayerOutput(string model, string layer, string node, string expected, string actual, string reason) =>
        new($"{model}.forward: {layer} '{node}' must return shape {expected} but returned {actual}: {reason}; "
            + "make the method return the declared shape, or declare the shape it returns.",
            parameter: null, model, node, expected, actual, layer);

    public string Model { get; }

    /// <summary>The input whose shape is wrong; for a layer's result, the layer's node name.</summary>
    public string Input { get; }

    public string Expected { get; }

    public string Actual { get; }

    /// <summary>The layer as written whose result has the wrong shape; null when an input does.</summary>
    public string? Layer { get; }
}
