using System.Runtime.Loader;
using SciDsl.Generators.Layers;
using SciDsl.Generators.Tests.Infrastructure;

namespace SciDsl.Generators.Tests.Layers;

/// <summary>
/// Runs <see cref="LayerTable"/>: each shape row compiles as real source without diagnostics and its
/// generated signature has the hand-computed output; each rejection row gets its diagnostic on the
/// layer's line. Every kind in <see cref="LayerRegistry.All"/> must have an entry.
/// </summary>
public class LayerTableTests
{
    public static TheoryData<string, int> ShapeRows() => RowsOf(kind => kind.Shapes.Length);

    public static TheoryData<string, int> RejectionRows() => RowsOf(kind => kind.Rejections.Length);

    [Theory]
    [MemberData(nameof(ShapeRows))]
    public void Layer_gives_the_output_shape_worked_out_by_hand(string kind, int row)
    {
        var shape = Entry(kind).Shapes[row];
        var run = GeneratorHarness.Run(ModelSource.Of(shape.Use.Input, shape.Use.Rows));

        DiagnosticAssert.Clean(run);
        Assert.Equal(shape.Output.Split(','), GeneratedSignature(run).Outputs.Single().Dims);
    }

    [Theory]
    [MemberData(nameof(RejectionRows))]
    public void Invalid_use_gets_its_diagnostic_on_the_layer(string kind, int row)
    {
        var rejection = Entry(kind).Rejections[row];
        var run = GeneratorHarness.Run(ModelSource.Of(rejection.Use.Input, rejection.Use.Rows));

        DiagnosticAssert.Single(run, rejection.Id, ModelSource.LayerLine(rejection.Use.Rows.Length), rejection.Words);
    }

    [Fact]
    public void Every_registered_layer_kind_has_an_entry_with_rows()
    {
        Assert.Equal(LayerRegistry.All.Select(kind => kind.AttributeName).Order(), LayerTable.Kinds.Select(kind => kind.Kind).Order());
        foreach (var kind in LayerTable.Kinds)
        {
            Assert.True(kind.Shapes.Length > 0, $"{kind.Kind} has no shape rows");
            Assert.True(kind.Rejections.Length > 0 ^ kind.NothingToReject is not null,
                $"{kind.Kind} needs rejection rows, or (only) a reason it has none");
        }
    }

    /// <summary>SciDsl.Tests finds the kinds through their attributes, so the two lists must agree.</summary>
    [Fact]
    public void Every_registered_layer_kind_has_its_attribute_and_every_attribute_a_kind()
    {
        var attributes = typeof(LayerAttribute).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(LayerAttribute)) && !type.IsAbstract)
            .Select(type => type.Name[..^"Attribute".Length]);

        Assert.Equal(LayerRegistry.All.Select(kind => kind.AttributeName).Order(), attributes.Order());
    }

    private static LayerKindRows Entry(string kind) => LayerTable.Kinds.Single(entry => entry.Kind == kind);

    private static TheoryData<string, int> RowsOf(Func<LayerKindRows, int> count)
    {
        var data = new TheoryData<string, int>();
        foreach (var kind in LayerTable.Kinds)
            for (int row = 0; row < count(kind); row++)
                data.Add(kind.Kind, row);
        return data;
    }

    /// <summary>The <c>Signature</c> of the generated model, read by running the compiled output.</summary>
    private static ModelSignature GeneratedSignature(GeneratorRun run)
    {
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var context = new AssemblyLoadContext("layer-table", isCollectible: true);
        try
        {
            image.Position = 0;
            var model = context.LoadFromStream(image).GetType("Net", throwOnError: true)!;
            return (ModelSignature)model.GetProperty("Signature")!.GetValue(null)!;
        }
        finally
        {
            context.Unload();
        }
    }
}
