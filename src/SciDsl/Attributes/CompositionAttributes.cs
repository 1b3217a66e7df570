using System;

namespace SciDsl;

/// <summary>
/// Another <c>[Model]</c> class as a sub-module: <c>[Use(typeof(Block))]</c>. The block's size symbols in its
/// input (e.g. <c>C</c> of <c>"x: B,C,H,W"</c>) are bound from the incoming shape; with <see cref="Repeat"/> = n
/// the block is applied n times in a row, each with its own weights.
/// </summary>
public sealed class UseAttribute(Type block) : LayerAttribute
{
    public Type Block { get; } = block;

    /// <summary>How many copies of the block run in sequence (default 1).</summary>
    public int Repeat { get; set; } = 1;
}

/// <summary>
/// A residual connection around another <c>[Model]</c> class: <c>x + block(x)</c>. The block must keep the
/// shape it receives; with <see cref="Repeat"/> = n, n residual blocks run in sequence, each with its own weights.
/// </summary>
public sealed class ResidualAttribute(Type block) : LayerAttribute
{
    public Type Block { get; } = block;

    /// <summary>How many copies of the residual block run in sequence (default 1).</summary>
    public int Repeat { get; set; } = 1;

    /// <summary>
    /// Project the shortcut when the block changes the shape: a bias-free 1×1 Conv2d/Conv1d with the stride that
    /// reproduces the block's output size, or a Linear for [B, F]. Only with Repeat = 1 (SD2003 otherwise).
    /// </summary>
    public bool Projection { get; set; }
}

/// <summary>
/// The escape hatch: a method of the model class, <c>Tensor Method(Tensor x)</c> (static or not), as a layer:
/// <c>[Lambda(nameof(Gate), "B,C*2,T")]</c>. Its output shape is declared, not inferred: the build trusts it
/// (its symbols must be the model inputs' symbols), <c>forward</c> checks it on every call
/// (<see cref="ShapeMismatchException"/> naming the lambda), and <c>ExportOnnx</c> refuses the model, since
/// C# code has no ONNX form.
/// </summary>
public sealed class LambdaAttribute(string method, string shape) : LayerAttribute
{
    /// <summary>The method's name; write <c>nameof(Method)</c>.</summary>
    public string Method { get; } = method;

    /// <summary>The output shape the method returns, e.g. <c>"B,C*2,T"</c>.</summary>
    public string Shape { get; } = shape;
}
