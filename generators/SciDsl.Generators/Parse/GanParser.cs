using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Check;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Infrastructure;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Parse;

/// <summary>
/// Reads <c>[Gan(typeof(Discriminator))]</c> and checks, at the attribute's line, that the experiment's model is a
/// generator from a latent vector to the data's samples (SD3073) and that the discriminator is a <c>[Model]</c> from the
/// data's samples to one logit (SD3072).
/// </summary>
internal static class GanParser
{
    public const string Attribute = "SciDsl.GanAttribute";

    /// <param name="generator">Null when the model has errors of its own (reported where it is declared).</param>
    /// <param name="data">Null when the data set has errors of its own.</param>
    public static GanSpec? Read(AttributeData gan, string experiment, ShapedModel? generator, DatasetSpec? data,
        List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
    {
        var location = ModelParser.LocationOf(gan);
        int before = diagnostics.Count;
        void Report(DiagnosticDescriptor descriptor, params string[] details) =>
            diagnostics.Add(DiagnosticInfo.Create(descriptor, location, new[] { experiment }.Concat(details).ToArray()));

        var discriminatorType = gan.ConstructorArguments.ElementAtOrDefault(0).Value as INamedTypeSymbol;
        string discriminatorName = discriminatorType?.Name ?? "the discriminator type";
        ShapedModel? discriminator = null;
        if (discriminatorType?.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ModelParser.ModelAttribute) != true)
            Report(DiagnosticDescriptors.GanDiscriminatorUnfit, discriminatorName, "is not a [Model] class",
                $"declare {discriminatorName} with [Model(\"x: ...\")] and layers ending in [Linear(1)]");
        else if (ModelParser.Parse(discriminatorType, cancellation) is { Spec: { } spec, Diagnostics.Count: 0 })
            discriminator = ShapeChecker.Check(spec).Spec; // a broken model reports its own errors where it is declared
        if (data is null) return null;

        string sample = $"dataset {data.Type.Name} has samples {data.Sample.Shape}";
        if (discriminator is not null)
        {
            if (discriminator.ConstructorSymbols.Count > 0)
                Report(DiagnosticDescriptors.GanDiscriminatorUnfit, discriminatorName,
                    $"has sizes only its constructor sets ({string.Join(", ", discriminator.ConstructorSymbols)})", "give them numbers in its declaration");
            else if (discriminator.Inputs.Count != 1 || !FitsSample(discriminator.Inputs[0].Shape, data))
                Report(DiagnosticDescriptors.GanDiscriminatorUnfit, discriminatorName,
                    $"takes {Describe(discriminator.Inputs)} but {sample}", $"declare its input as \"x: B,{Dims(data)}\"");
            else if (discriminator.Outputs.Count != 1 || !IsOneLogit(discriminator.Outputs[0].Shape))
                Report(DiagnosticDescriptors.GanDiscriminatorUnfit, discriminatorName,
                    $"outputs {Describe(discriminator.Outputs)}, not one logit per sample [B, 1]", "end it with [Flatten, Linear(1)]");
        }

        int latentSize = 0;
        if (generator is not null)
        {
            if (generator.Inputs.Count != 1 || generator.Inputs[0].Shape.Rank != 2 || !generator.Inputs[0].Shape[1].IsConstant
                || generator.Inputs[0].ElementType != TensorSpec.Float32)
                Report(DiagnosticDescriptors.GanGeneratorUnfit, generator.Type.Name, $"takes {Describe(generator.Inputs)}, not a latent vector [B, k]",
                    "declare its input as a vector of noise, e.g. [Model(\"z: B,16\")]");
            else if (generator.Outputs.Count != 1 || !FitsSample(generator.Outputs[0].Shape, data))
                Report(DiagnosticDescriptors.GanGeneratorUnfit, generator.Type.Name, $"outputs {Describe(generator.Outputs)} but {sample}",
                    $"end it with layers that give [B, {string.Join(", ", data.Sample.Shape.Dims)}], e.g. [Reshape(\"B,{Dims(data)}\")]");
            else
                latentSize = (int)generator.Inputs[0].Shape[1].Constant;
        }
        bool valid = diagnostics.Count == before && generator is not null && discriminator is not null;
        return valid ? new GanSpec(discriminatorType!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), latentSize) : null;
    }

    /// <summary>A batch of the data's samples: same rank after the batch dim, and no two numbers that differ.</summary>
    private static bool FitsSample(Shape shape, DatasetSpec data) =>
        shape.Rank == data.Sample.Shape.Rank + 1
        && Enumerable.Range(0, data.Sample.Shape.Rank).All(i =>
            !(shape[i + 1].IsConstant && data.Sample.Shape[i].IsConstant) || shape[i + 1].Equals(data.Sample.Shape[i]));

    private static bool IsOneLogit(Shape shape) => shape.Rank == 2 && shape[1].Equals(Dim.Of(1));

    private static string Dims(DatasetSpec data) => string.Join(",", data.Sample.Shape.Dims);

    private static string Describe(EquatableArray<TensorSpec> tensors) =>
        tensors.Count == 1 ? tensors[0].Shape.ToString() : $"{tensors.Count} tensors ({string.Join("; ", tensors.Select(t => t.ToString()))})";
}
