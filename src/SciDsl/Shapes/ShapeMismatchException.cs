namespace SciDsl;

/// <summary>A tensor given to a generated model does not have the declared shape.</summary>
public sealed class ShapeMismatchException(string model, string input, string expected, string actual, string reason)
    : ArgumentException($"{model}.forward: input '{input}' must have shape {expected} but has {actual}: {reason}.", input)
{
    public string Model { get; } = model;
    public string Input { get; } = input;
    public string Expected { get; } = expected;
    public string Actual { get; } = actual;
}
