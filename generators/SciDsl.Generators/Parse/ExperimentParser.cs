using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Check;
using SciDsl.Generators.Diagnostics;
using SciDsl.Generators.Emit;
using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Parse;

/// <summary>
/// Reads an <c>[Experiment]</c> class and checks it against its model and data at build time:
/// SD1005 (sample vs model input), SD1006 (loss and target vs model output), SD3001 (the rest).
/// </summary>
internal static class ExperimentParser
{
    public const string ExperimentAttribute = "SciDsl.ExperimentAttribute";

    public static ParseResult<ExperimentSpec> Parse(INamedTypeSymbol type, CancellationToken cancellation)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var typeLocation = DeclaredTypeReader.IdentifierLocation(type);
        if (DeclaredTypeReader.RequireSupportedClass(type, typeLocation, "Experiment", GeneratedNames.ExperimentMembers) is { } unsupported) diagnostics.Add(unsupported);

        var attributes = type.GetAttributes();
        var experiment = Find(attributes, ExperimentAttribute)!;
        var location = ModelParser.LocationOf(experiment) ?? typeLocation;
        void Problem(LocationInfo? at, string text) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExperimentDeclaration, at, type.Name, text));

        var modelType = experiment.ConstructorArguments.ElementAtOrDefault(0).Value as INamedTypeSymbol;
        var dataType = experiment.ConstructorArguments.ElementAtOrDefault(1).Value as INamedTypeSymbol;
        foreach (var argument in new[] { modelType, dataType })
            if (argument is { IsUnboundGenericType: true })
                Problem(location, $"typeof({argument.ToDisplayString()}) is an open generic type; name a concrete class");
        ShapedModel? model = null;
        DatasetSpec? data = null;
        if (modelType is null || Find(modelType.GetAttributes(), ModelParser.ModelAttribute) is null)
            Problem(location, $"{modelType?.Name ?? "the model type"} is not a [Model] class");
        else if (ModelParser.Parse(modelType, cancellation) is { Spec: { } modelSpec, Diagnostics.Count: 0 })
            model = ShapeChecker.Check(modelSpec).Spec; // a broken model reports its own errors where it is declared
        if (dataType is null || Find(dataType.GetAttributes(), DatasetParser.DatasetAttribute) is null)
            Problem(location, $"{dataType?.Name ?? "the data type"} is not a [Dataset] class");
        else if (DatasetParser.Parse(dataType) is { Spec: { } dataSpec, Diagnostics.Count: 0 }) // a broken dataset reports its own errors
        {
            data = dataSpec;
            if (!dataType.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public))
                Problem(location, $"{dataType.Name} needs a public parameterless constructor so the experiment can create it");
        }

        var supervised = Find(attributes, "SciDsl.SupervisedAttribute");
        if (supervised is null) Problem(location, "declare how to train it, e.g. [Supervised(Loss.CrossEntropy)]");
        string loss = supervised is null ? "CrossEntropy" : EnumName(supervised.ConstructorArguments[0]);
        var optimizerAttribute = Find(attributes, "SciDsl.OptimizerAttribute");
        var trainAttribute = Find(attributes, "SciDsl.TrainAttribute");
        var optimizer = optimizerAttribute is null ? null : AttributeArguments.From(optimizerAttribute);
        var train = trainAttribute is null ? null : AttributeArguments.From(trainAttribute);
        var trainLocation = trainAttribute is null ? location : ModelParser.LocationOf(trainAttribute);
        var optimizerLocation = optimizerAttribute is null ? location : ModelParser.LocationOf(optimizerAttribute);

        var spec = new ExperimentSpec(
            DeclaredTypeReader.Read(type),
            modelType is null ? "" : Qualified(modelType),
            dataType is null ? "" : Qualified(dataType),
            loss,
            optimizerAttribute is null ? "Adam" : EnumName(optimizerAttribute.ConstructorArguments[0]),
            optimizer?.Double("LearningRate", 1e-3) ?? 1e-3,
            optimizer?.Double("Momentum", 0) ?? 0,
            optimizer?.Double("WeightDecay", 0) ?? 0,
            train?.Int("Epochs", 10) ?? 10,
            train?.Int("BatchSize", 32) ?? 32,
            train?.Int("Seed", 42) ?? 42,
            train?.Double("ValidationSplit", 0.2) ?? 0.2);

        if (spec.Epochs <= 0) Problem(trainLocation, $"Epochs must be positive but is {spec.Epochs}");
        if (spec.BatchSize <= 0) Problem(trainLocation, $"BatchSize must be positive but is {spec.BatchSize}");
        if (!(spec.ValidationSplit >= 0 && spec.ValidationSplit < 1)) Problem(trainLocation, $"ValidationSplit must be in [0, 1) but is {Literal.Double(spec.ValidationSplit)}");
        // Finite, or Config would hold a NaN or ∞ that has no C# literal.
        if (!(spec.LearningRate > 0 && spec.LearningRate <= double.MaxValue))
            Problem(optimizerLocation, $"LearningRate must be a positive finite number but is {Literal.Double(spec.LearningRate)}");
        if (!(spec.Momentum >= 0 && spec.Momentum <= double.MaxValue))
            Problem(optimizerLocation, $"Momentum must be a finite number >= 0 but is {Literal.Double(spec.Momentum)}");
        if (!(spec.WeightDecay >= 0 && spec.WeightDecay <= double.MaxValue))
            Problem(optimizerLocation, $"WeightDecay must be a finite number >= 0 but is {Literal.Double(spec.WeightDecay)}");

        if (model is not null && data is not null)
        {
            if (model.ConstructorSymbols.Count > 0)
                Problem(location, $"model {model.Type.Name} needs constructor arguments ({string.Join(", ", model.ConstructorSymbols)}); give those sizes numbers to train it in an experiment");
            ExperimentChecks.SampleFitsInput(type.Name, model, data, location, diagnostics);
            ExperimentChecks.LossFitsOutput(type.Name, model, data, loss,
                supervised is null ? location : ModelParser.LocationOf(supervised) ?? location, diagnostics);
        }
        bool valid = diagnostics.Count == 0 && model is not null && data is not null;
        return new ParseResult<ExperimentSpec>(valid ? spec : null, diagnostics.ToEquatableArray());
    }

    private static AttributeData? Find(IEnumerable<AttributeData> attributes, string name) =>
        attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == name);

    private static string Qualified(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static string EnumName(TypedConstant value) =>
        value.Type?.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value))?.Name
        ?? value.Value?.ToString() ?? "";
}
