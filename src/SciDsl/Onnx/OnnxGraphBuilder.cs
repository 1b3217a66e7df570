using System.Reflection;
using Google.Protobuf;
using SciDsl.Onnx.Proto;
using TorchSharp;

namespace SciDsl.Onnx;

/// <summary>
/// Builds one ONNX model node by node, in topological order, as the generated <c>ExportOnnx</c> methods do.
/// Every value (graph input, initializer, node output) has one unique name; node names are unique too.
/// </summary>
public sealed class OnnxGraphBuilder
{
    public const string ProducerName = "SciDsl";
    public const string SignatureMetadataKey = "signature";

    private readonly ModelSignature _signature;
    private readonly OnnxExportOptions _options;
    private readonly GraphProto _graph;
    private readonly Dictionary<string, TensorProto> _initializers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(ModelSignature signature, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signature);
        _signature = signature;
        _options = options ?? new OnnxExportOptions();
        if (_options.Metadata?.ContainsKey(SignatureMetadataKey) == true)
        {
            throw new ArgumentException($"Metadata key '{SignatureMetadataKey}' is reserved for the model signature.", nameof(options));
        }

        _graph = new GraphProto { Name = signature.Model };
    }

    /// <summary>The default-domain opset being written; generated code picks each layer's operators by it.</summary>
    public int Opset => _options.Opset;

    /// <summary>Declares a graph input; returns its value name (the input's name).</summary>
    public string Input(TensorSignature input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DefineValue(input.Name, "graph input");
        _graph.Input.Add(OnnxTensors.ValueInfo(input));
        return input.Name;
    }

    /// <summary>
    /// Stops the export at a layer with no ONNX form (a <c>[Lambda]</c>'s C# method): throws
    /// <see cref="NotSupportedException"/> saying why, while nothing has been written. Typed as a value
    /// name so generated code can assign it where the layer's output would go.
    /// </summary>
    public string Refuse(string reason) =>
        throw new NotSupportedException($"Cannot export model '{_signature.Model}' to ONNX: {reason}.");

    /// <summary>
    /// Embeds a copy of a weight as an initializer named <paramref name="name"/> (use <c>named_parameters()</c> names).
    /// <paramref name="transpose"/> stores the transpose of a 2-D weight, for <c>MatMul</c> on rank &gt; 2 inputs.
    /// Adding the same name with the same content again returns the existing initializer.
    /// </summary>
    public string Parameter(string name, torch.Tensor value, bool transpose = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (transpose && value.dim() != 2)
        {
            throw new ArgumentException($"Parameter '{name}' has rank {value.dim()}; only a 2-D weight can be stored transposed.", nameof(transpose));
        }

        using var scope = torch.NewDisposeScope();
        return AddInitializer(OnnxTensors.Initializer(name, transpose ? value.t() : value));
    }

    /// <summary>A 1-D int64 constant, e.g. a <c>Reshape</c> target shape.</summary>
    public string Constant(string name, params long[] values) => AddInitializer(OnnxTensors.Initializer(name, values));

    /// <summary>An int64 scalar (rank 0) constant.</summary>
    public string ScalarConstant(string name, long value) => AddInitializer(OnnxTensors.ScalarInitializer(name, value));

    /// <summary>A float32 scalar (rank 0) constant.</summary>
    public string Constant(string name, float value) => AddInitializer(OnnxTensors.Initializer(name, [value], []));

    /// <summary>A float32 constant of the given shape (row-major values).</summary>
    public string Constant(string name, float[] values, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(shape);
        long count = shape.Aggregate(1L, (product, dim) => product * dim);
        if (shape.Any(dim => dim < 0) || count != values.Length)
        {
            throw new ArgumentException($"Constant '{name}' has {values.Length} values but shape [{string.Join(", ", shape)}].", nameof(shape));
        }

        return AddInitializer(OnnxTensors.Initializer(name, values, shape));
    }

    /// <summary>Adds a node with one output; the output value is named after the node.</summary>
    public string Node(string opType, string name, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes) =>
        Node(opType, name, inputs, outputCount: 1, attributes)[0];

    /// <summary>
    /// Adds a node with several outputs, named <c>name</c>, <c>name_1</c>, …
    /// An empty-string input stands for an omitted optional input.
    /// </summary>
    public IReadOnlyList<string> Node(string opType, string name, IReadOnlyList<string> inputs, int outputCount, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(opType);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, 1);
        if (!_nodeNames.Add(name))
        {
            throw new InvalidOperationException($"Duplicate ONNX node name '{name}' in model '{_signature.Model}'.");
        }

        string[] outputs = Enumerable.Range(0, outputCount).Select(i => i == 0 ? name : $"{name}_{i}").ToArray();
        foreach (string output in outputs)
        {
            DefineValue(output, $"output of node '{name}'");
        }

        var node = new NodeProto { OpType = opType, Name = name, Input = { inputs }, Output = { outputs } };
        node.Attribute.AddRange(attributes.Select(attribute => attribute.ToProto()));
        _graph.Node.Add(node);
        return outputs;
    }

    /// <summary>Declares a graph output carrying <paramref name="value"/>; an Identity node gives it the declared name when they differ.</summary>
    public void Output(TensorSignature output, string value)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (_graph.Output.Any(existing => existing.Name == output.Name))
        {
            throw new InvalidOperationException($"Graph output '{output.Name}' of model '{_signature.Model}' is declared twice.");
        }

        if (value != output.Name)
        {
            Node("Identity", output.Name, [value]);
        }

        _graph.Output.Add(OnnxTensors.ValueInfo(output));
    }

    /// <summary>Validates the graph and returns the complete model (a fresh copy on each call).</summary>
    public ModelProto Build()
    {
        Validate();
        var model = new ModelProto
        {
            IrVersion = _options.IrVersion,
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = _options.Opset } },
            ProducerName = ProducerName,
            ProducerVersion = _options.ProducerVersion ?? DefaultProducerVersion(),
            DocString = _options.DocString ?? "",
            Graph = _graph.Clone(),
            MetadataProps = { new StringStringEntryProto { Key = SignatureMetadataKey, Value = _signature.ToString() } },
        };
        // Sorted so the same model always serialises to the same bytes.
        foreach (var (key, value) in (_options.Metadata ?? new Dictionary<string, string>()).OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model;
    }

    /// <summary>Writes the model with every weight embedded; on failure the target is untouched and no temp file remains.</summary>
    public void Save(string path)
    {
        ModelProto model = Build();
        AtomicFile.Write(path, model.WriteTo);
    }

    private string AddInitializer(TensorProto tensor)
    {
        ArgumentException.ThrowIfNullOrEmpty(tensor.Name, "name");
        if (_initializers.TryGetValue(tensor.Name, out var existing))
        {
            return existing.Equals(tensor)
                ? tensor.Name
                : throw new InvalidOperationException(
                    $"Initializer '{tensor.Name}' was already added with different content; each weight needs its own name.");
        }

        DefineValue(tensor.Name, "initializer");
        _initializers.Add(tensor.Name, tensor);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    private void DefineValue(string name, string role)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_values.Add(name))
        {
            throw new InvalidOperationException($"ONNX value name '{name}' ({role}) is already used in model '{_signature.Model}'.");
        }
    }

    /// <summary>Each node may only read values defined before it; each graph output must exist.</summary>
    private void Validate()
    {
        var available = new HashSet<string>(_graph.Input.Select(input => input.Name), StringComparer.Ordinal);
        available.UnionWith(_initializers.Keys);
        foreach (NodeProto node in _graph.Node)
        {
            string? missing = node.Input.FirstOrDefault(input => input.Length > 0 && !available.Contains(input));
            if (missing is not null)
            {
                throw new InvalidOperationException(
                    $"Node '{node.Name}' ({node.OpType}) reads '{missing}', which is not a graph input, an initializer or an output of an earlier node.");
            }

            available.UnionWith(node.Output);
        }

        ValueInfoProto? dangling = _graph.Output.FirstOrDefault(output => !available.Contains(output.Name));
        if (dangling is not null)
        {
            throw new InvalidOperationException($"Graph output '{dangling.Name}' of model '{_signature.Model}' is not produced by any node.");
        }

        if (_graph.Output.Count == 0)
        {
            throw new InvalidOperationException($"Model '{_signature.Model}' has no graph output; call Output before Build or Save.");
        }
    }

    private static string DefaultProducerVersion() =>
        typeof(OnnxGraphBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString()
        ?? "";
}
