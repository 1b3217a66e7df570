using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Check;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Emit;

/// <summary>Emits <c>Model.Module.g.cs</c>: the TorchSharp module, its signature, forward and summary.</summary>
internal static class ModuleEmitter
{
    public static string Emit(ShapedModel model)
    {
        string tensors = string.Join(", ", model.Inputs.Select(_ => Torch.Tensor));
        string result = model.Outputs.Count == 1 ? Torch.Tensor : "(" + string.Join(", ", model.Outputs.Select(_ => Torch.Tensor)) + ")";
        return TypeScope.Write(model.Type, $"{Torch.Nn}.Module<{tensors}, {result}>", new[] { TypeScope.GeneratedCode }, writer =>
        {
            WriteSignature(writer, model);
            WriteMembers(writer, model);
            WriteConstructor(writer, model);
            WriteForward(writer, model, result);
            WriteSummary(writer, model);
        });
    }

    private static void WriteSignature(SourceWriter writer, ShapedModel model)
    {
        writer.Line("/// <summary>Inputs and outputs as checked at build time; dims are symbolic.</summary>");
        writer.Line("public static global::SciDsl.ModelSignature Signature { get; } = new(");
        writer.Line($"    {Literal.String(model.Type.Name)},");
        writer.Line($"    [{string.Join(", ", model.Inputs.Select(TensorSignature))}],");
        writer.Line($"    [{string.Join(", ", model.Outputs.Select(TensorSignature))}]);");
        writer.Line();
    }

    internal static string TensorSignature(TensorSpec tensor) =>
        $"new({Literal.String(tensor.Name)}, global::SciDsl.TensorElementType.{ElementType(tensor.ElementType)}, " +
        $"[{string.Join(", ", tensor.Shape.Dims.Select(d => Literal.String(d.ToString())))}])";

    private static string ElementType(string type) => type switch
    {
        "float64" => "Float64",
        "int64" => "Int64",
        "bool" => "Bool",
        _ => "Float32",
    };

    private static void WriteMembers(SourceWriter writer, ShapedModel model)
    {
        foreach (string symbol in model.ConstructorSymbols)
            writer.Line($"/// <summary>The size <c>{symbol}</c> this model was built with.</summary>")
                  .Line($"public long {symbol} {{ get; }}").Line();
        var modules = model.Nodes.Where(n => n.Layer.TorchType is not null).ToList();
        // Named layers are the model's public surface; the rest are private fields in layer order.
        foreach (var node in modules.Where(n => n.Layer.Site.IsNamedByUser))
            writer.Line($"/// <summary><c>{Xml(node.Layer.Site.Display)}</c>, output {node.Output}.</summary>")
                  .Line($"public {Torch.ModuleType(node.Layer.TorchType!)} {node.Name} {{ get; }}").Line();
        foreach (var node in modules.Where(n => !n.Layer.Site.IsNamedByUser))
            writer.Line($"private readonly {Torch.ModuleType(node.Layer.TorchType!)} {node.Name};");
        writer.Line();
    }

    private static void WriteConstructor(SourceWriter writer, ShapedModel model)
    {
        string parameters = string.Join(", ", model.ConstructorSymbols.Select(s => $"long {s}"));
        writer.Open($"public {model.Type.Name}({parameters}) : base({Literal.String(model.Type.Name)})");
        foreach (string symbol in model.ConstructorSymbols)
        {
            writer.Line($"if ({symbol} <= 0) throw new global::System.ArgumentOutOfRangeException(nameof({symbol}), {symbol}, \"sizes must be positive\");");
            writer.Line($"this.{symbol} = {symbol};");
        }
        var modules = model.Nodes.Where(n => n.Layer.TorchType is not null).ToList();
        foreach (var node in modules) writer.Line($"{node.Name} = {node.Layer.TorchFactory()};");
        foreach (var node in modules) writer.Line($"register_module({Literal.String(node.Name)}, {node.Name});");
        writer.Close().Line();
        // register_module(name, this) in a parent runs this model's RegisterComponents, whose field scan would
        // register each named layer again under its property's backing-field name (parameters twice, optimised twice).
        if (modules.Any(n => n.Layer.Site.IsNamedByUser))
            writer.Line("/// <summary>Every layer is registered by name in the constructor; nothing is left for TorchSharp's field scan.</summary>")
                  .Line("protected override void RegisterComponents() { }").Line();
    }

    private static void WriteForward(SourceWriter writer, ShapedModel model, string result)
    {
        string parameters = string.Join(", ", model.Inputs.Select(i => $"{Torch.Tensor} {i.Name}"));
        writer.Open($"public override {result} forward({parameters})");
        string guard = "new global::SciDsl.ShapeGuard(Signature.Model)" +
            string.Concat(model.ConstructorSymbols.Select(s => $".Bind({Literal.String(s)}, {s})"));
        var requirements = SizeRequirements(model).ToList();
        var declaredSizes = DeclaredExpressionSizes(model).ToList();
        if (model.Inputs.Count == 1 && requirements.Count == 0 && declaredSizes.Count == 0 && !model.Nodes.Any(n => n.Layer.ChecksOutputAtRunTime))
            writer.Line($"{guard}.Check(Signature.Inputs[0], {model.Inputs[0].Name});");
        else
        {
            writer.Line($"var guard = {guard};");
            for (int i = 0; i < model.Inputs.Count; i++) writer.Line($"guard.Check(Signature.Inputs[{i}], {model.Inputs[i].Name});");
            foreach (var (input, index, dim) in declaredSizes)
                writer.Line($"guard.RequireSize(Signature.Inputs[{input}], {model.Inputs[input].Name}, {index}, " +
                            $"{dim.ToCSharp(symbol => $"guard[{Literal.String(symbol)}]")});");
            foreach (var (input, node, dim) in requirements)
                writer.Line($"guard.RequirePositive(Signature.Inputs[{input}], {model.Inputs[input].Name}, {Literal.String(node)}, {Literal.String(dim.ToString())}, " +
                            $"{dim.ToCSharp(symbol => $"guard[{Literal.String(symbol)}]")});");
        }
        var names = new ValueNames(model);
        foreach (var node in model.Nodes)
        {
            string target = names.Of(node.Name);
            string call = node.Layer.TorchForward(node.Name, node.Inputs.Select(names.Of).ToList());
            if (node.Layer.ChecksOutputAtRunTime)
                call = $"guard.CheckOutput({call}, {Literal.String(node.Layer.Site.Display)}, {Literal.String(node.Name)}, {Literal.String(node.Output.ToString())}, "
                    + $"{string.Join(", ", node.Output.Dims.Select(d => d.ToCSharp(symbol => $"guard[{Literal.String(symbol)}]")))})";
            writer.Line($"{(names.Declares(node, model) ? "var " : "")}{target} = {call}; // {node.Output}");
        }
        var outputs = model.OutputNodes.Select(names.Of).ToList();
        writer.Line($"return {(outputs.Count == 1 ? outputs[0] : "(" + string.Join(", ", outputs) + ")")};");
        writer.Close().Line();
    }

    /// <summary>
    /// Input dims declared as expressions (<c>C*T</c>, <c>2 * F</c>) whose symbols are all known once the inputs are
    /// checked (constructor sizes, or bare dims of an input): forward compares them with the tensors' sizes.
    /// </summary>
    private static IEnumerable<(int Input, int Index, Dim Size)> DeclaredExpressionSizes(ShapedModel model)
    {
        var known = new HashSet<string>(model.ConstructorSymbols.Concat(
            model.Inputs.SelectMany(input => input.Shape.Dims).Where(d => d.IsSymbol).SelectMany(d => d.Symbols)));
        for (int input = 0; input < model.Inputs.Count; input++)
            for (int index = 0; index < model.Inputs[input].Shape.Rank; index++)
                if (model.Inputs[input].Shape[index] is { IsConstant: false, IsSymbol: false } dim && dim.Symbols.All(known.Contains))
                    yield return (input, index, dim);
    }

    /// <summary>
    /// Sizes that depend on the inputs and are not positive for every input size (<c>T / 2</c> is 0 for
    /// T = 1): forward checks them so a too-small input fails clearly instead of deep inside libtorch.
    /// Each distinct size is checked once, at the first layer that produces it.
    /// </summary>
    private static IEnumerable<(int Input, string Node, Dim Size)> SizeRequirements(ShapedModel model)
    {
        var seen = new HashSet<Dim>();
        foreach (var node in model.Nodes)
            foreach (var dim in node.Output.Dims.Where(d => !d.IsProvablyPositive && seen.Add(d)))
            {
                int input = Enumerable.Range(0, model.Inputs.Count)
                    .FirstOrDefault(i => model.Inputs[i].Shape.Dims.SelectMany(d => d.Symbols).Intersect(dim.Symbols).Any());
                yield return (input, node.Name, dim);
            }
    }

    private static void WriteSummary(SourceWriter writer, ShapedModel model)
    {
        writer.Line("/// <summary>Per layer: name, kind, output shape, parameter count and the nodes it reads when not the previous one; then the totals.</summary>");
        writer.Line("public string Summary() => global::SciDsl.ModelSummary.Format(this, Signature,");
        writer.Line("[");
        string previous = model.Inputs[0].Name;
        foreach (var node in model.Nodes)
        {
            string module = node.Layer.TorchType is null ? "null" : node.Name;
            string from = node.Inputs.SequenceEqual(new[] { previous }) ? "" : $", From: {Literal.String(string.Join(", ", node.Inputs))}";
            writer.Line($"    new({Literal.String(node.Name)}, {Literal.String(node.Layer.Site.Display)}, {Literal.String(node.Output.ToString())}, {module}{from}),");
            previous = node.Name;
        }
        writer.Line("]);");
    }

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
