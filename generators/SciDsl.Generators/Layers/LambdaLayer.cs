using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// <c>Lambda(nameof(Method), "B,C*2,T")</c>: the escape hatch, a method of the model class,
/// <c>Tensor Method(Tensor x)</c>, static or not. Its output shape is declared, so the build trusts it; its symbols
/// must be the model inputs' (forward knows their sizes), and forward checks the method's result against it
/// (<see cref="LayerSpec.ChecksOutputAtRunTime"/>). C# code has no ONNX form: ExportOnnx refuses the model.
/// </summary>
/// <param name="Declared">The declared output shape, in the symbols of <paramref name="DeclaredInputs"/>.</param>
/// <param name="DeclaredInputs">The model's inputs as declared; a block used elsewhere receives other shapes, to which <paramref name="Declared"/> is translated.</param>
internal sealed record LambdaLayer(LayerSite Site, string Method, bool IsStatic, string DeclaringType, Shape Declared, EquatableArray<Shape> DeclaredInputs)
    : LayerSpec(Site)
{
    public static readonly LayerKind Kind = new("Lambda", Parse);

    private const string TensorType = "global::TorchSharp.torch.Tensor";

    private static LayerSpec? Parse(LayerSite site, AttributeArguments args, LayerArgumentErrors errors)
    {
        var model = args.Model!;
        string name = args.String("method") ?? "";
        var candidates = model.Methods.Where(m => m.Name == name).ToList();
        string wanted = $"Tensor {(name.Length > 0 ? name : "Method")}(Tensor x)";
        if (candidates.Count == 0)
        {
            errors.UnknownName(name, $"a method of {model.Type.Name}",
                $"declare {wanted} (static or not) in {model.Type.Name} and write Lambda(nameof({(name.Length > 0 ? name : "Method")}), ...)");
            return null;
        }
        var method = candidates.FirstOrDefault(TakesAndReturnsOneTensor);
        if (method is null)
            errors.Add($"{name} must be declared as {wanted} (static or not, no type parameters) but is {string.Join(" / ", candidates.Select(c => c.Display))}");

        string text = args.String("shape") ?? "";
        var declared = SignatureParser.ParseDims(text, out string? why);
        if (declared is null)
        {
            errors.Malformed("the declared output shape", text, why);
            return null;
        }
        foreach (var dim in declared.Dims.Where(d => d.IsProvablyNonPositive))
            errors.Add($"the declared output shape \"{text}\" has a non-positive size {dim}");
        // A malformed [Model] signature leaves no inputs; it is reported there, so symbols are not judged against it.
        var known = model.Inputs.SelectMany(i => i.Shape.Dims).Where(d => d.IsSymbol).SelectMany(d => d.Symbols).Distinct().ToList();
        foreach (string symbol in model.Inputs.Count == 0 ? Enumerable.Empty<string>() : declared.Dims.SelectMany(d => d.Symbols).Distinct().Except(known))
            errors.Add($"the declared output shape \"{text}\" uses {symbol}, which no model input binds; forward can check only sizes known from "
                + $"{string.Join("; ", model.Inputs)}, so write the shape with {(known.Count > 0 ? string.Join(", ", known) + " and " : "")}integers");
        return errors.Any
            ? null
            : new LambdaLayer(site, name, method!.IsStatic, model.Type.FullName, declared, model.Inputs.Select(i => i.Shape).ToEquatableArray());
    }

    private static bool TakesAndReturnsOneTensor(ModelMethod method) =>
        method.ReturnType == TensorType && method.TypeParameters == 0 && method.ParameterTypes.Count == 1 && method.ParameterTypes[0] == TensorType;

    public override LayerInference Infer(InferContext context)
    {
        var bindings = new Dictionary<string, Dim>();
        for (int i = 0; i < DeclaredInputs.Count; i++)
            foreach (var binding in BlockLayer.Unify(DeclaredInputs[i], context.ModelInputs[i])!)
                bindings[binding.Key] = binding.Value;
        var output = new Shape(Declared.Dims.Select(d => d.Substitute(bindings)).ToEquatableArray());
        return context.Ok(this, output);
    }

    public override string? TorchType => null;

    public override bool ChecksOutputAtRunTime => true;

    public override string TorchForward(string module, IReadOnlyList<string> inputs) =>
        $"{(IsStatic ? "global::" + DeclaringType : "this")}.{Method}({inputs[0]})";

    /// <summary>Throws when ExportOnnx reaches it, before anything is written.</summary>
    public override void EmitOnnx(OnnxEmitContext onnx) =>
        onnx.Refuse($"{Site.Describe()} calls the C# method {Method}, which has no ONNX form; replace it by layers, "
            + "or export the layers before it as a model of their own and run the method on that model's output");
}
