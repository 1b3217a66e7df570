using System.Linq;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Parse;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Layers;

/// <summary>What a shape rule sees: the incoming shapes and where they come from.</summary>
/// <param name="Sources">For each input, how messages name its producer, e.g. <c>MaxPool2d(2) 'pool2'</c>.</param>
/// <param name="ElementTypes">For each input, its element type: a model input's declared one, float32 after any layer.</param>
/// <param name="NamedArguments">The arguments of the trailing inputs that are the layer's <see cref="LayerSpec.NamedInputs"/>.</param>
/// <param name="ModelInputs">The shapes of the model's inputs in this check: the declared ones, or those a block receives where it is used.</param>
internal sealed record InferContext(LayerSite Site, EquatableArray<Shape> Inputs, EquatableArray<string> Sources,
    EquatableArray<string> ElementTypes, EquatableArray<string> NamedArguments, EquatableArray<Shape> ModelInputs)
{
    public Shape Input => Inputs[0];

    public string InputElementType => ElementTypes[0];

    public string Source => Sources[0];

    /// <summary>The shape of the named input read through <paramref name="argument"/>, e.g. <c>Adjacency</c>.</summary>
    public Shape Named(string argument) => Inputs[NamedIndex(argument)];

    /// <summary>How messages name the producer of a named input: <c>input 'adj'</c>.</summary>
    public string NamedSource(string argument) => Sources[NamedIndex(argument)];

    private int NamedIndex(string argument) => Inputs.Count - NamedArguments.Count + NamedArguments.ToList().IndexOf(argument);

    public LayerInference Ok(LayerSpec resolved, Shape output) => new(resolved, output, null);

    public LayerInference Fail(DiagnosticDescriptor descriptor, params string[] arguments) =>
        new(null, null, DiagnosticInfo.Create(descriptor, Site.Location, arguments));

    /// <summary>A failure whose fix the IDE can apply (see <see cref="CodeFixHint"/>).</summary>
    public LayerInference Fail(CodeFixHint fix, DiagnosticDescriptor descriptor, params string[] arguments) =>
        new(null, null, DiagnosticInfo.Create(descriptor, Site.Location, arguments) with { Fix = fix });

    /// <summary>SD1001 for a layer that needs another rank: "X expects E but receives S from P; fix".</summary>
    public LayerInference RejectShape(string expected, string fix, CodeFixHint? hint = null) =>
        hint is null
            ? Fail(DiagnosticDescriptors.LayerRejectsShape, Site.Display, expected, Input.ToString(), Source, fix)
            : Fail(hint, DiagnosticDescriptors.LayerRejectsShape, Site.Display, expected, Input.ToString(), Source, fix);

    /// <summary>SD1003 when a computed size is provably zero or negative.</summary>
    public LayerInference? RequirePositive(Shape output, string fix)
    {
        for (int i = 0; i < output.Rank; i++)
            if (output[i].IsProvablyNonPositive)
                return Fail(DiagnosticDescriptors.SizeNotPositive, Site.Display, $"dim {i}",
                    !output[i].IsConstant ? "zero or negative" : output[i].Constant == 0 ? "zero" : "negative", Input.ToString(), output.ToString(), fix);
        return null;
    }
}

/// <summary>The outcome of a shape rule: the resolved layer and its output, or a diagnostic.</summary>
internal sealed record LayerInference(LayerSpec? Resolved, Shape? Output, DiagnosticInfo? Error);
