using System.Linq;
using SciDsl.Generators.Check;

namespace SciDsl.Generators.Emit;

/// <summary>Emits <c>Model.Onnx.g.cs</c>: <c>ExportOnnx</c>, built from each layer's ONNX emission.</summary>
internal static class OnnxEmitter
{
    public static string Emit(ShapedModel model) =>
        TypeScope.Write(model.Type, null, System.Array.Empty<string>(), writer =>
        {
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
            var names = new ValueNames(model);
            foreach (var node in model.Nodes)
            {
                var context = new OnnxEmitContext(writer, node.Name, node.Inputs.Select(names.Of).ToList(), names.Of(node.Name),
                    node.InputShapes.ToList(), node.Output, names.Declares(node, model));
                node.Layer.EmitOnnx(context);
            }
            for (int i = 0; i < model.OutputNodes.Count; i++)
                writer.Line($"onnx.Output(Signature.Outputs[{i}], {names.Of(model.OutputNodes[i])});");
            writer.Line("onnx.Save(path);");
            writer.Close();
        });
}
