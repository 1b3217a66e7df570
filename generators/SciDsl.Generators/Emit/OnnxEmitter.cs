using System.Linq;
using SciDsl.Generators.Check;

namespace SciDsl.Generators.Emit;

/// <summary>
/// Emits <c>Model.Onnx.g.cs</c>: <c>ExportOnnx</c>, built from each layer's ONNX emission. A model with one
/// input and one output also gets <c>EmitOnnxInto</c>, which writes its nodes into another model's graph
/// under a name scope: how a block used by <c>[Use]</c> or <c>[Residual]</c> is inlined.
/// </summary>
internal static class OnnxEmitter
{
    private const string Scope = "scope";

    public static string Emit(ShapedModel model) =>
        TypeScope.Write(model.Type, null, System.Array.Empty<string>(), writer =>
        {
            bool inlinable = model.Inputs.Count == 1 && model.Outputs.Count == 1;
            writer.Line("/// <summary>");
            writer.Line("/// Writes the model with its current weights as an ONNX file (opset 17 by default) whose");
            writer.Line("/// symbolic dims are dynamic. The file is written to a temporary name and renamed, so a");
            writer.Line("/// failure leaves no partial file. ONNX Runtime reproduces this module's eval-mode output.");
            writer.Line("/// </summary>");
            writer.Open("public void ExportOnnx(string path, global::SciDsl.Onnx.OnnxExportOptions? options = null)");
            writer.Line($"using var noGrad = {Torch.Root}.no_grad();");
            writer.Line("var onnx = new global::SciDsl.Onnx.OnnxGraphBuilder(Signature, options);");
            for (int i = 0; i < model.Inputs.Count; i++)
                writer.Line($"string {model.Inputs[i].Name} = onnx.Input(Signature.Inputs[{i}]);");
            if (inlinable)
                writer.Line($"onnx.Output(Signature.Outputs[0], EmitOnnxInto(onnx, \"\", {model.Inputs[0].Name}));");
            else
            {
                var names = WriteNodes(writer, model, scope: null);
                for (int i = 0; i < model.OutputNodes.Count; i++)
                    writer.Line($"onnx.Output(Signature.Outputs[{i}], {names.Of(model.OutputNodes[i])});");
            }
            writer.Line("onnx.Save(path);");
            writer.Close();
            if (!inlinable) return;

            writer.Line();
            writer.Line("/// <summary>Writes this model's nodes reading the value <paramref name=\"" + model.Inputs[0].Name + "\"/>, every name prefixed by <paramref name=\"scope\"/>; returns the output value.</summary>");
            writer.Open($"internal string EmitOnnxInto(global::SciDsl.Onnx.OnnxGraphBuilder onnx, string {Scope}, string {model.Inputs[0].Name})");
            var scoped = WriteNodes(writer, model, Scope);
            writer.Line($"return {scoped.Of(model.OutputNodes[0])};");
            writer.Close();
        });

    private static ValueNames WriteNodes(SourceWriter writer, ShapedModel model, string? scope)
    {
        var names = new ValueNames(model);
        foreach (var node in model.Nodes)
        {
            var context = new OnnxEmitContext(writer, node.Name, node.Inputs.Select(names.Of).ToList(), names.Of(node.Name),
                node.InputShapes.ToList(), node.Output, names.Declares(node, model), scope);
            node.Layer.EmitOnnx(context);
        }
        return names;
    }
}
