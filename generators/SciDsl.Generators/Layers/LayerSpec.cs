using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>
/// One layer of a model. Each kind is a record in its own file holding its arguments, its
/// shape rule (<see cref="Infer"/>), its TorchSharp emission and its ONNX emission.
/// Records stay structurally equatable: the incremental pipeline caches on them.
/// </summary>
internal abstract record LayerSpec(LayerSite Site)
{
    /// <summary>The shape rule: the output shape, and this layer with its inferred sizes filled in.</summary>
    public abstract LayerInference Infer(InferContext context);

    /// <summary>
    /// Values read besides the main input(s), e.g. a graph's adjacency: the shape checker resolves them as it
    /// resolves <c>From</c>, and they follow the main inputs in <see cref="InferContext.Inputs"/>,
    /// <see cref="TorchForward"/>'s inputs and <see cref="OnnxEmitContext.Inputs"/>, in this order.
    /// </summary>
    public virtual EquatableArray<NamedInput> NamedInputs => EquatableArray<NamedInput>.Empty;

    /// <summary>
    /// The TorchSharp module type (in <c>TorchSharp.Modules</c>, or a <c>global::</c> name for a SciDsl module)
    /// the layer becomes; null for a tensor expression.
    /// </summary>
    public abstract string? TorchType { get; }

    /// <summary>The factory call that builds the module, e.g. <c>nn.Linear(3136, 128)</c>.</summary>
    public virtual string TorchFactory() => $"{Torch.Nn}.{TorchType}()";

    /// <summary>
    /// The forward expression over the C# variables holding the inputs; layers without a module
    /// (merges, reshapes) override it with a tensor expression. Modules run through <c>call</c>, which runs their forward
    /// hooks, so activation capture and Grad-CAM (<c>SciDsl.Interpretability</c>) can read a named layer's output.
    /// </summary>
    public virtual string TorchForward(string module, IReadOnlyList<string> inputs) => $"{module}.call({inputs[0]})";

    /// <summary>
    /// True when the output shape is declared rather than inferred (<c>[Lambda]</c>): forward then checks each
    /// result against it, with the sizes bound from the inputs, and throws <c>ShapeMismatchException</c> naming the layer.
    /// </summary>
    public virtual bool ChecksOutputAtRunTime => false;

    /// <summary>Sizes the module is built with; their symbols become constructor parameters.</summary>
    public virtual IEnumerable<Dim> ConstructionDims => Enumerable.Empty<Dim>();

    /// <summary>
    /// Whether <see cref="ConstructionDims"/> size the layer's parameters, which cannot follow an input whose extent
    /// varies: a product of the model's input sizes there (a Linear after a Flatten of a free-sized image) is SD1001.
    /// </summary>
    public virtual bool ConstructionDimsSizeParameters => true;

    /// <summary>Writes the ONNX nodes computing the layer in eval mode.</summary>
    public abstract void EmitOnnx(OnnxEmitContext onnx);
}

/// <summary>An attribute name and how to read it into a <see cref="LayerSpec"/>.</summary>
internal sealed record LayerKind(string AttributeName, LayerKind.Parser Parse)
{
    public delegate LayerSpec? Parser(LayerSite site, AttributeArguments arguments, LayerArgumentErrors errors);
}
