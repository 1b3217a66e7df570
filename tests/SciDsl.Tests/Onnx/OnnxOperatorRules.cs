using SciDsl.Onnx.Proto;

namespace SciDsl.Tests.Onnx;

/// <summary>
/// What the ONNX operator specification (onnx/docs/Operators.md) says about the operators the exporter
/// writes: the opset each one arrived in, and the operators whose axes moved from an attribute to an
/// input. ONNX Runtime is no judge of this: it registers LayerNormalization for every opset and loads
/// it from an opset-13 file that the ONNX checker rejects.
/// </summary>
public static class OnnxOperatorRules
{
    /// <summary>The default-domain opset each operator first appears in.</summary>
    private static readonly Dictionary<string, int> Introduced = new(StringComparer.Ordinal)
    {
        ["Add"] = 1, ["And"] = 1, ["AveragePool"] = 1, ["BatchNormalization"] = 1, ["Cast"] = 1, ["Concat"] = 1,
        ["Conv"] = 1, ["ConvTranspose"] = 1, ["DepthToSpace"] = 1, ["Div"] = 1, ["Elu"] = 1, ["Erf"] = 9,
        ["Flatten"] = 1, ["Gather"] = 1, ["Gelu"] = 20, ["Gemm"] = 1, ["GlobalAveragePool"] = 1, ["GlobalMaxPool"] = 1,
        ["Greater"] = 1, ["GreaterOrEqual"] = 12, ["GroupNormalization"] = 18, ["GRU"] = 1, ["Identity"] = 1,
        ["InstanceNormalization"] = 1, ["LayerNormalization"] = 17, ["LeakyRelu"] = 1, ["Less"] = 1, ["LogSoftmax"] = 1,
        ["LSTM"] = 1, ["MatMul"] = 1, ["Max"] = 1, ["MaxPool"] = 1, ["Mul"] = 1, ["Neg"] = 1, ["Pad"] = 1, ["Pow"] = 1,
        ["Range"] = 11, ["ReduceMax"] = 1, ["ReduceMean"] = 1, ["ReduceSum"] = 1, ["Relu"] = 1, ["Reshape"] = 1,
        ["Resize"] = 10, ["RNN"] = 1, ["Shape"] = 1, ["Sigmoid"] = 1, ["Slice"] = 1, ["Softmax"] = 1, ["Split"] = 1,
        ["Sqrt"] = 1, ["Squeeze"] = 1, ["Sub"] = 1, ["Sum"] = 1, ["Tanh"] = 1, ["Transpose"] = 1, ["Unsqueeze"] = 1,
        ["Where"] = 9,
    };

    /// <summary>Operators whose attribute became their second input at the given opset.</summary>
    private static readonly Dictionary<string, (string Attribute, int InputFrom)> AttributeBecameInput = new(StringComparer.Ordinal)
    {
        ["Pad"] = ("pads", 11), ["ReduceMax"] = ("axes", 18), ["ReduceMean"] = ("axes", 18), ["ReduceSum"] = ("axes", 13),
        ["Split"] = ("split", 13), ["Squeeze"] = ("axes", 13), ["Unsqueeze"] = ("axes", 13),
    };

    /// <summary>Every way the file's nodes break the specification at its default-domain opset; empty when valid.</summary>
    public static IReadOnlyList<string> Violations(string onnxPath)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnxPath));
        int opset = (int)model.OpsetImport.Single(import => import.Domain.Length == 0).Version;
        var violations = new List<string>();
        foreach (var node in model.Graph.Node)
        {
            if (!Introduced.TryGetValue(node.OpType, out int since))
                violations.Add($"{node.OpType} ('{node.Name}') is not in this table: add the opset it arrived in, from onnx/docs/Operators.md");
            else if (since > opset)
                violations.Add($"{node.OpType} ('{node.Name}') exists only from opset {since}, but the file declares opset {opset}");

            if (AttributeBecameInput.TryGetValue(node.OpType, out var change))
            {
                bool hasAttribute = node.Attribute.Any(attribute => attribute.Name == change.Attribute);
                if (opset >= change.InputFrom && hasAttribute)
                    violations.Add($"{node.OpType} ('{node.Name}') takes '{change.Attribute}' as an input from opset {change.InputFrom}, not as an attribute (file opset {opset})");
                if (opset < change.InputFrom && node.Input.Count > 1)
                    violations.Add($"{node.OpType} ('{node.Name}') takes '{change.Attribute}' as an attribute before opset {change.InputFrom}, not as an input (file opset {opset})");
            }
        }
        return violations;
    }

    /// <summary>
    /// Asserts the file keeps the rules above. When SCIDSL_ONNX_CHECK_DIR names a directory, the file is also
    /// copied there, so that tools/onnx-checker.sh can run the official ONNX checker over every file the
    /// suite exported (the checker is Python; the suite itself needs only the .NET SDK).
    /// </summary>
    public static void AssertValid(string onnxPath)
    {
        Assert.Empty(Violations(onnxPath));
        string? checkerDirectory = Environment.GetEnvironmentVariable("SCIDSL_ONNX_CHECK_DIR");
        if (!string.IsNullOrEmpty(checkerDirectory))
            File.Copy(onnxPath, Path.Combine(checkerDirectory, $"{Guid.NewGuid():N}.onnx"));
    }
}
