using SciDsl.Onnx;
using SciDsl.Tests.Onnx;
using TorchSharp;
using static TorchSharp.torch;
using SciDsl.Samples.Digits;

namespace SciDsl.Tests.Layers;

/// <summary>
/// The run-time half of the per-layer table (the build-time half is LayerTableTests in
/// SciDsl.Generators.Tests): for every layer kind, models generated from its attribute whose eval
/// output has the shape worked out by hand with PyTorch's formula, and whose ONNX export reproduces
/// it in ONNX Runtime (both optimisation levels, batch 1 and 7) at the lowest opset, 17 and the highest,
/// using only operators the ONNX specification defines at that opset.
/// A new layer kind fails <see cref="Every_layer_kind_has_a_parity_row"/> until it has rows here.
/// </summary>
public sealed class LayerParityTests
{
    /// <param name="Kind">The layer attribute under test; the model must declare it.</param>
    /// <param name="Output">The expected output dims, computed by hand (not by the generator).</param>
    private sealed record LayerRow(Type Kind, string Variant, Type Model, Func<nn.Module> Create, ModelSignature Signature, string Output)
    {
        public string Name => $"{Kind.Name[..^"Attribute".Length]} {Variant}".TrimEnd();
    }

    private static LayerRow Row<TKind, TModel>(string variant, string output)
        where TKind : LayerAttribute
        where TModel : nn.Module<Tensor, Tensor>, IGeneratedModel, new() =>
        new(typeof(TKind), variant, typeof(TModel), () => new TModel(), TModel.Signature, output);

    /// <summary>A row for a model over a graph: node features and an adjacency <c>adj</c>.</summary>
    private static LayerRow GraphRow<TKind, TModel>(string variant, string output)
        where TKind : LayerAttribute
        where TModel : nn.Module<Tensor, Tensor, Tensor>, IGeneratedModel, new() =>
        new(typeof(TKind), variant, typeof(TModel), () => new TModel(), TModel.Signature, output);

    // Sliding windows: ⌊(in + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1 (PyTorch's Conv/Pool docs).
    private static readonly LayerRow[] Rows =
    [
        Row<LinearAttribute, LinearModel>("[B,F]", "B,4"),
        Row<LinearAttribute, LinearNoBiasModel>("[B,F] no bias", "B,4"),
        Row<LinearAttribute, LinearSequenceModel>("[B,T,F]", "B,3,4"),
        Row<LinearAttribute, LinearSequenceNoBiasModel>("[B,T,F] no bias", "B,3,4"),
        Row<Conv1dAttribute, Conv1dModel>("stride padding", "B,4,5"),                 // ⌊(10 + 2 − 2 − 1) / 2⌋ + 1
        Row<Conv1dAttribute, Conv1dGroupedModel>("dilation groups no bias", "B,6,9"), // ⌊(11 − 2·1 − 1) / 1⌋ + 1
        Row<Conv2dAttribute, Conv2dModel>("", "B,4,5,5"),                             // 7 − 3 + 1
        Row<Conv2dAttribute, Conv2dStridedModel>("stride padding dilation", "B,4,5,5"), // ⌊(9 + 4 − 4 − 1) / 2⌋ + 1
        Row<Conv2dAttribute, Conv2dGroupedModel>("groups no bias", "B,6,6,6"),        // 6 + 2 − 2 − 1 + 1
        Row<Conv3dAttribute, Conv3dModel>("", "B,4,3,4,5"),                           // in − 3 + 1
        Row<Conv3dAttribute, Conv3dStridedModel>("stride padding", "B,4,4,4,4"),      // ⌊(8 + 2 − 2 − 1) / 2⌋ + 1
        Row<Conv3dAttribute, Conv3dGroupedModel>("dilation groups no bias", "B,6,3,3,3"), // 5 − 2·1 − 1 + 1
        // Transposed: (in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1.
        Row<ConvTranspose1dAttribute, ConvTranspose1dModel>("stride padding output padding", "B,2,10"), // 4·2 − 2 + 2 + 1 + 1
        Row<ConvTranspose1dAttribute, ConvTranspose1dGroupedModel>("dilation groups no bias", "B,6,10"), // 5 + 2·2 + 1
        // Output padding at or above the stride (allowed below the dilation) is exported as pads: a test each for ending
        // inside the padding, past it with a bias, and past it without one.
        Row<ConvTranspose1dAttribute, ConvTranspose1dCroppedLessModel>("output padding within padding", "B,2,9"),       // 4 − 4 + 3·2 + 2 + 1
        Row<ConvTranspose1dAttribute, ConvTranspose1dPaddedByDilationModel>("output padding below dilation no bias", "B,3,9"), // 3 + 3·1 + 2 + 1
        Row<ConvTranspose2dAttribute, ConvTranspose2dModel>("stride", "B,4,8,8"),                      // 3·2 + 1 + 1
        Row<ConvTranspose2dAttribute, ConvTranspose2dDilatedModel>("all arguments", "B,6,10,16"),       // 2·3 − 2 + 4 + 2, 4·3 − 2 + 4 + 2
        Row<ConvTranspose2dAttribute, ConvTranspose2dPaddedByDilationModel>("output padding below dilation", "B,2,7,7"), // 3 + 2·1 + 1 + 1
        Row<MaxPool1dAttribute, MaxPool1dModel>("stride padding", "B,3,5"),           // ⌊(10 + 2 − 2 − 1) / 2⌋ + 1
        Row<MaxPool2dAttribute, MaxPool2dModel>("", "B,2,4,4"),                       // stride = kernel: 8 / 2
        Row<MaxPool2dAttribute, MaxPool2dPaddedModel>("stride padding", "B,2,4,4"),   // ⌊(7 + 2 − 2 − 1) / 2⌋ + 1
        Row<AvgPool1dAttribute, AvgPool1dModel>("stride padding", "B,3,5"),
        Row<AvgPool2dAttribute, AvgPool2dModel>("", "B,2,4,4"),
        Row<AvgPool2dAttribute, AvgPool2dPaddedModel>("stride padding", "B,2,4,4"),
        Row<AdaptiveAvgPool2dAttribute, AdaptiveAvgPool2dOneModel>("(1)", "B,3,1,1"),
        Row<AdaptiveAvgPool2dAttribute, AdaptiveAvgPool2dTwoModel>("(2) on 4x4", "B,3,2,2"),
        Row<GlobalAvgPoolAttribute, GlobalAvgPool2dModel>("[B,C,H,W]", "B,3"),
        Row<GlobalAvgPoolAttribute, GlobalAvgPool1dModel>("[B,C,L]", "B,3"),
        Row<BatchNorm1dAttribute, BatchNorm1dFeaturesModel>("[B,C]", "B,5"),
        Row<BatchNorm1dAttribute, BatchNorm1dSequenceModel>("[B,C,L] eps", "B,5,6"),
        Row<BatchNorm2dAttribute, BatchNorm2dModel>("", "B,3,4,4"),
        Row<LayerNormAttribute, LayerNormModel>("[B,T,F]", "B,3,6"),
        Row<LayerNormAttribute, LayerNormEpsModel>("[B,F] eps", "B,6"),
        Row<LayerNormAttribute, LayerNormResidualModel>("input read twice", "B,6"),
        Row<ReLUAttribute, ReLUModel>("", "B,3,5"),
        Row<LeakyReLUAttribute, LeakyReLUModel>("", "B,3,5"),
        Row<LeakyReLUAttribute, LeakyReLUSlopeModel>("slope", "B,3,5"),
        Row<GELUAttribute, GELUModel>("", "B,3,5"),
        Row<SiLUAttribute, SiLUModel>("", "B,3,5"),
        Row<TanhAttribute, TanhModel>("", "B,3,5"),
        Row<SigmoidAttribute, SigmoidModel>("", "B,3,5"),
        Row<SoftmaxAttribute, SoftmaxModel>("", "B,3,5"),
        Row<SoftmaxAttribute, SoftmaxDim1Model>("dim 1", "B,3,5"),
        Row<LogSoftmaxAttribute, LogSoftmaxModel>("", "B,3,5"),
        Row<LogSoftmaxAttribute, LogSoftmaxDim1Model>("dim 1", "B,3,5"),
        Row<DropoutAttribute, DropoutModel>("(eval)", "B,5"),
        Row<FlattenAttribute, FlattenModel>("", "B,24"),                              // 2·3·4
        Row<FlattenAttribute, FlattenStartDim2Model>("start dim 2", "B,2,12"),
        Row<ReshapeAttribute, ReshapeModel>("", "B,2,3,4"),
        Row<UpsampleAttribute, UpsampleNearestModel>("nearest", "B,3,8,10"),
        Row<UpsampleAttribute, UpsampleNearest1dModel>("nearest [B,C,L]", "B,2,18"),
        Row<UpsampleAttribute, UpsampleNearest3dModel>("nearest [B,C,D,H,W]", "B,2,4,6,8"),
        Row<UpsampleAttribute, UpsampleBilinearModel>("bilinear", "B,3,8,10"),
        Row<UpsampleAttribute, UpsampleBilinear3xModel>("bilinear x3", "B,2,9,12"),
        Row<PixelShuffleAttribute, PixelShuffleModel>("", "B,2,6,10"),                // 8 / 2², 3·2, 5·2
        Row<PixelShuffleAttribute, PixelShuffle3xModel>("(3)", "B,2,6,9"),            // 18 / 3², 2·3, 3·3
        Row<AddAttribute, ResidualConcatModel>("+ Concat (residual)", "B,12,6,6"),    // 4 + 4 + 4 channels
        Row<AddAttribute, AddThreeModel>("of three (Sum)", "B,6"),
        Row<ConcatAttribute, ConcatLastDimModel>("dim -1", "B,5,7"),                  // 4 + 3
        GraphRow<GcnConvAttribute, GcnConvModel>("", "B,N,4"),
        GraphRow<GcnConvAttribute, GcnConvNoSelfLoopsModel>("no self-loops", "B,N,4"),
        GraphRow<GcnConvAttribute, GcnConvUnnormalisedModel>("unnormalised", "B,N,4"),
        GraphRow<GraphSageConvAttribute, GraphSageConvModel>("mean", "B,N,4"),
        GraphRow<GraphSageConvAttribute, GraphSageConvSumModel>("sum", "B,N,4"),
        Row<NodeMeanPoolAttribute, NodeMeanPoolModel>("", "B,5"),
        Row<NodeMaxPoolAttribute, NodeMaxPoolModel>("", "B,5"),
        Row<ReparameterizeAttribute, ReparameterizeModel>("(eval: the mean)", "B,4"),
    ];

    private static readonly int[] Opsets = [OnnxExportOptions.MinOpset, 17, OnnxExportOptions.MaxOpset];

    public static TheoryData<string, int> RowsAtEachOpset()
    {
        var data = new TheoryData<string, int>();
        foreach (var row in Rows)
            foreach (int opset in Opsets)
                data.Add(row.Name, opset);
        return data;
    }

    [Theory]
    [MemberData(nameof(RowsAtEachOpset))]
    public void Layer_has_its_output_shape_and_matches_onnx_runtime(string name, int opset)
    {
        var row = Rows.Single(r => r.Name == name);
        Assert.NotEmpty(row.Model.GetCustomAttributes(row.Kind, inherit: false));
        Assert.Equal(row.Output.Split(','), row.Signature.Outputs.Single().Dims);
        AssertExportMatches(row.Create, row.Signature, opset);
    }

    public static TheoryData<int> EachOpset() => new(Opsets);

    [Theory]
    [MemberData(nameof(EachOpset))]
    public void Digits_sample_matches_onnx_runtime(int opset) =>
        AssertExportMatches(() => new DigitCnn(), DigitCnn.Signature, opset);

    [Fact]
    public void Every_layer_kind_has_a_parity_row()
    {
        var kinds = typeof(LayerAttribute).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(LayerAttribute)) && !type.IsAbstract);
        Assert.Empty(kinds.Except(Rows.Select(row => row.Kind)).Select(kind => kind.Name));
        Assert.Equal(Rows.Length, Rows.Select(row => row.Name).Distinct().Count());
    }

    [Fact]
    public void Dropout_is_identity_in_eval_mode()
    {
        using var model = new DropoutModel();
        model.eval();
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(4, 5);
        Assert.True(GeneratedModels.Infer(model, x).allclose(x, rtol: 0, atol: 0));
    }

    private static void AssertExportMatches(Func<nn.Module> create, ModelSignature signature, int opset)
    {
        torch.manual_seed(1234);
        using var model = create();
        GeneratedModels.RandomiseState(model);
        model.eval();
        using var directory = new TempDirectory();
        string path = directory.File("model.onnx");
        var generated = (IGeneratedModel)model;
        generated.ExportOnnx(path, new OnnxExportOptions { Opset = opset });
        OnnxOperatorRules.AssertValid(path);

        Assert.Contains($"-> {signature.Outputs.Single()}", generated.Summary());
        GeneratedModels.AssertOnnxParity(model, signature, path, [1, 7], GeneratedModels.GraphNodes);
    }
}
