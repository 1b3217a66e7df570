using System;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// A value a layer reads besides its main input, by argument: <c>Adjacency = "adj"</c>. It is resolved
/// like a <c>From</c> name (SD2002 when unknown), and follows the main inputs in what the shape rule,
/// the TorchSharp forward and the ONNX emission receive.
/// </summary>
/// <param name="Argument">The attribute argument naming it, e.g. <c>Adjacency</c>.</param>
/// <param name="Node">The input or earlier layer it names.</param>
internal sealed record NamedInput(string Argument, string Node)
{
    /// <summary>Reads a required named input; SD2003 when it is missing or not a name.</summary>
    public static NamedInput? Required(AttributeArguments args, string argument, string example, LayerArgumentErrors errors)
    {
        string node = (args.String(argument) ?? "").Trim();
        if (node.Length == 0)
            errors.Add($"{argument} is required: name the input or earlier layer it reads, e.g. {argument} = \"{example}\"");
        else if (!SignatureParser.IsIdentifier(node))
            errors.Add($"{argument} = \"{node}\" must name one input or earlier layer (a C# identifier)");
        return errors.Any ? null : new NamedInput(argument, node);
    }
}
