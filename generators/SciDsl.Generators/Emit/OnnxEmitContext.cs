using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Emit;

/// <summary>
/// What a layer's ONNX emission writes with: statements calling the runtime's
/// <c>OnnxGraphBuilder</c> (a local named <c>onnx</c>), where C# variables hold ONNX value names.
/// </summary>
/// <param name="Module">The field holding the layer's TorchSharp module; also the node name.</param>
/// <param name="Inputs">C# variables holding the input value names.</param>
/// <param name="Output">The C# variable that receives the layer's output value name.</param>
/// <param name="Scope">
/// The C# variable holding the prefix of every node and initializer name (e.g. <c>"res1.0."</c> when the model
/// is a block inlined into another); null when names are written as they are.
/// </param>
internal sealed class OnnxEmitContext(SourceWriter writer, string module, IReadOnlyList<string> inputs, string output,
    IReadOnlyList<Shape> inputShapes, Shape outputShape, bool declareOutput, string? scope = null)
{
    public string Module { get; } = module;

    public string Input => Inputs[0];

    public IReadOnlyList<string> Inputs { get; } = inputs;

    public Shape InputShape => inputShapes[0];

    public Shape OutputShape { get; } = outputShape;

    /// <summary>The layer's final node: its output goes to the layer's output variable.</summary>
    public void Node(string opType, IEnumerable<string> inputs, params string[] attributes) =>
        writer.Line($"{(declareOutput ? "string " : "")}{output} = {Call(opType, Module, inputs, attributes)};");

    /// <summary>
    /// For a layer with no ONNX form: the export throws <c>NotSupportedException</c> with <paramref name="reason"/>
    /// when it reaches the layer, before any file is written.
    /// </summary>
    public void Refuse(string reason) =>
        writer.Line($"{(declareOutput ? "string " : "")}{output} = onnx.Refuse({Literal.String(reason)});");

    /// <summary>An intermediate node named <c>module/step</c>; returns the C# variable holding its value.</summary>
    public string Step(string step, string opType, IEnumerable<string> inputs, params string[] attributes)
    {
        string variable = $"{Module}_{step}";
        writer.Line($"string {variable} = {Call(opType, Module + "/" + step, inputs, attributes)};");
        return variable;
    }

    /// <summary>
    /// A node with several outputs, named <c>module/step</c>; returns the C# variable holding the list of
    /// their value names (index it, e.g. <c>variable[1]</c>, to read one).
    /// </summary>
    public string Steps(string step, string opType, IEnumerable<string> inputs, int outputCount, params string[] attributes)
    {
        string variable = $"{Module}_{step}";
        string call = $"onnx.Node(\"{opType}\", {ScopedName(Module + "/" + step)}, [{string.Join(", ", inputs)}], outputCount: {outputCount}";
        writer.Line($"var {variable} = {(attributes.Length == 0 ? call : call + ", " + string.Join(", ", attributes))});");
        return variable;
    }

    /// <summary>
    /// An initializer <c>module.name</c> computed at export time by a C# tensor expression, for weights
    /// that must be repacked (recurrent gates in ONNX order).
    /// </summary>
    public string ComputedParameter(string name, string tensorExpression) =>
        $"onnx.Parameter({ScopedName(Module + "." + name)}, {tensorExpression})";

    /// <summary>A module parameter as an initializer named as in <c>named_parameters()</c>.</summary>
    public string Parameter(string parameter, bool transpose = false) =>
        $"onnx.Parameter({ScopedName(Module + "." + parameter)}, {Module}.{parameter}!{(transpose ? ", transpose: true" : "")})";

    /// <summary>
    /// A parameter reached by its <c>named_parameters()</c> path, for modules that expose it as no property
    /// (<c>in_proj_weight</c>, <c>layers.0.linear1.weight</c>).
    /// </summary>
    public string NamedParameter(string path, bool transpose = false) =>
        $"onnx.Parameter({ScopedName(Module + "." + path)}, {Module}.get_parameter(\"{path}\")!{(transpose ? ", transpose: true" : "")})";

    public string ScalarLongConstant(string step, long value) => $"onnx.ScalarConstant({ScopedName(Module + "/" + step)}, {Long(value)})";

    /// <summary>−∞ as a float32 scalar (no C# literal spells it), for masked attention scores.</summary>
    public string NegativeInfinity(string step) => $"onnx.Constant({ScopedName(Module + "/" + step)}, float.NegativeInfinity)";

    public string FloatConstant(string step, double value) =>
        $"onnx.Constant({ScopedName(Module + "/" + step)}, {Float(value)})";

    /// <summary>A float32 constant of the given shape whose values a C# expression computes at export time.</summary>
    public string FloatsConstant(string step, string valuesExpression, IEnumerable<long> shape) =>
        $"onnx.Constant({ScopedName(Module + "/" + step)}, {valuesExpression}, [{string.Join(", ", shape.Select(Long))}])";

    public string LongsConstant(string step, IEnumerable<long> values) => LongsConstant(step, values.Select(Long));

    /// <summary>An int64 vector whose entries are C# expressions (literals or constructor parameters).</summary>
    public string LongsConstant(string step, IEnumerable<string> expressions) =>
        $"onnx.Constant({ScopedName(Module + "/" + step)}, {string.Join(", ", expressions)})";

    /// <summary>
    /// An operator that arrived in opset <paramref name="opset"/>: <paramref name="current"/> writes it for files
    /// of that opset or later, <paramref name="older"/> an equivalent for earlier ones. The opset is an export
    /// option, so the choice is an <c>if</c> in the generated method.
    /// </summary>
    public void ByOpset(int opset, System.Action current, System.Action older)
    {
        if (declareOutput)
        {
            writer.Line($"string {output};");
            declareOutput = false;
        }
        writer.Open($"if (onnx.Opset >= {Long(opset)})");
        current();
        writer.Close();
        writer.Open("else");
        older();
        writer.Close();
    }

    private const string Attribute = "global::SciDsl.Onnx.OnnxAttribute";

    public static string Int(string name, long value) => $"{Attribute}.Int(\"{name}\", {Long(value)})";

    public static string Ints(string name, IEnumerable<long> values) =>
        $"{Attribute}.Ints(\"{name}\", {string.Join(", ", values.Select(Long))})";

    public static string FloatAttribute(string name, double value) => $"{Attribute}.Float(\"{name}\", {Float(value)})";

    public static string StringAttribute(string name, string value) => $"{Attribute}.String(\"{name}\", {Literal.String(value)})";


    /// <summary>The C# expression of a node or initializer name: a literal, after the scope when there is one.</summary>
    public string ScopedName(string name) => scope is null ? Literal.String(name) : $"{scope} + {Literal.String(name)}";

    private string Call(string opType, string name, IEnumerable<string> inputs, string[] attributes)
    {
        string call = $"onnx.Node(\"{opType}\", {ScopedName(name)}, [{string.Join(", ", inputs)}]";
        return attributes.Length == 0 ? call + ")" : call + ", " + string.Join(", ", attributes) + ")";
    }

    /// <summary>A value computed by a C# expression (an inlined block); returns the C# variable holding its name.</summary>
    public string Value(string step, string expression)
    {
        string variable = $"{Module}_{step}";
        writer.Line($"string {variable} = {expression};");
        return variable;
    }

    /// <summary>The layer's output value computed by a C# expression (an inlined block).</summary>
    public void Result(string expression) => writer.Line($"{(declareOutput ? "string " : "")}{output} = {expression};");

    /// <summary>For layers that are the identity in eval mode (dropout): the output is the input value.</summary>
    public void PassThrough()
    {
        if (declareOutput || output != Input) writer.Line($"{(declareOutput ? "string " : "")}{output} = {Input};");
    }

    private static string Long(long value) => Literal.Long(value);

    private static string Float(double value) => Literal.Float(value);
}
