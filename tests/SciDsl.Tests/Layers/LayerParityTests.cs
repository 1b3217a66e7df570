using SciDsl.Onnx;
using SciDsl.Tests.Onnx;
using TorchSharp;
using static TorchSharp.torch;
using SciDsl.Samples.Digits;
using SciDsl.Tests.Composition;

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
    /// <param name="Input">Makes an input of a concrete shape; random normal values unless given.</param>
    /// <param name="Lengths">Values of the sequence length symbol T to check besides the batch sizes, when the model has one.</param>
    private sealed record LayerRow(Type Kind, string Variant, Type Model, Func<nn.Module> Create, ModelSignature Signature, string Output,
        Func<long[], Tensor>? Input = null, long[]? Lengths = null)
    {
        public string Name => $"{Kind.Name[..^"Attribute".Length]} {Variant}".TrimEnd();
    }

    private static LayerRow Row<TKind, TModel>(string variant, string output)
        where TKind : LayerAttribute
        where TModel : nn.Module<Tensor, Tensor>, IGeneratedModel, new() =>
        new(typeof(TKind), variant, typeof(TModel), () => new TModel(), TModel.Signature, output);

    /// <summary>A row whose input has a symbolic sequence length T, checked at two lengths.</summary>
    private static LayerRow SequenceRow<TKind, TModel>(string variant, string output, Func<long[], Tensor>? input = null)
        where TKind : LayerAttribute
        where TModel : nn.Module<Tensor, Tensor>, IGeneratedModel, new() =>
        Row<TKind, TModel>(variant, output) with { Input = input, Lengths = [2, 9] };

    /// <summary>Token ids below the 11-word vocabulary of the embedding models.</summary>
    private static Tensor TokenIds(long[] shape) => randint(0, 11, shape, dtype: int64);

    /// <summary>A row for a model over a graph: node features and an adjacency <c>adj</c>.</summary>
    private static LayerRow GraphRow<TKind, TModel>(string variant, string output)
        where TKind : LayerAttribute
        where TModel : nn.Module<Tensor, Tensor, Tensor>, IGeneratedModel, new() =>
        new(typeof(TKind), variant, typeof(TModel), () => new TModel(), TModel.Signature, output);

    /// <summary>A row for cross-attention: queries over a symbolic length T, keys and values over a symbolic length N.</summary>
    private static LayerRow CrossRow<TKind, TModel>(string variant, string output)
        where TKind : LayerAttribute
        where TModel : nn.Module<Tensor, Tensor, Tensor>, IGeneratedModel, new() =>
        GraphRow<TKind, TModel>(variant, output) with { Lengths = [2, 9] };

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
        Row<AdaptiveAvgPool2dAttribute, AdaptiveAvgPool2dUnequalBinsModel>("(3) on 5x7", "B,3,3,3"),     // bins of 2 or 3 rows, 3 columns
        Row<AdaptiveAvgPool2dAttribute, AdaptiveAvgPool2dMoreBinsModel>("(5) on 3x3", "B,2,5,5"),       // more bins than positions
        Row<AdaptiveAvgPool2dAttribute, AdaptiveAvgPool2dOblongModel>("(2) on 8x4", "B,3,2,2"),         // windows 4x2
        Row<AdaptiveAvgPool1dAttribute, AdaptiveAvgPool1dUnequalBinsModel>("(4) on 10", "B,3,4"),       // bins [0,3) [2,5) [5,8) [7,10)
        Row<AdaptiveAvgPool1dAttribute, AdaptiveAvgPool1dEqualBinsModel>("(4) on 8", "B,3,4"),
        Row<AdaptiveAvgPool1dAttribute, AdaptiveAvgPool1dOneModel>("(1)", "B,3,1"),
        Row<GlobalAvgPoolAttribute, GlobalAvgPool2dModel>("[B,C,H,W]", "B,3"),
        Row<GlobalAvgPoolAttribute, GlobalAvgPool1dModel>("[B,C,L]", "B,3"),
        Row<GlobalMaxPoolAttribute, GlobalMaxPool2dModel>("[B,C,H,W]", "B,3"),
        Row<GlobalMaxPoolAttribute, GlobalMaxPool1dModel>("[B,C,L]", "B,3"),
        Row<BatchNorm1dAttribute, BatchNorm1dFeaturesModel>("[B,C]", "B,5"),
        Row<BatchNorm1dAttribute, BatchNorm1dSequenceModel>("[B,C,L] eps", "B,5,6"),
        Row<BatchNorm2dAttribute, BatchNorm2dModel>("", "B,3,4,4"),
        Row<LayerNormAttribute, LayerNormModel>("[B,T,F]", "B,3,6"),
        Row<LayerNormAttribute, LayerNormEpsModel>("[B,F] eps", "B,6"),
        Row<LayerNormAttribute, LayerNormResidualModel>("input read twice", "B,6"),
        Row<GroupNormAttribute, GroupNormModel>("[B,C,H,W]", "B,6,4,4"),
        Row<GroupNormAttribute, GroupNormSequenceModel>("[B,C,L] eps", "B,4,6"),
        Row<ReLUAttribute, ReLUModel>("", "B,3,5"),
        Row<LeakyReLUAttribute, LeakyReLUModel>("", "B,3,5"),
        Row<LeakyReLUAttribute, LeakyReLUSlopeModel>("slope", "B,3,5"),
        Row<GELUAttribute, GELUModel>("", "B,3,5"),
        Row<SiLUAttribute, SiLUModel>("", "B,3,5"),
        Row<TanhAttribute, TanhModel>("", "B,3,5"),
        Row<SigmoidAttribute, SigmoidModel>("", "B,3,5"),
        Row<ELUAttribute, ELUModel>("", "B,3,5"),
        Row<ELUAttribute, ELUAlphaModel>("alpha", "B,3,5"),
        Row<IdentityAttribute, IdentityModel>("", "B,3,5"),
        Row<IdentityAttribute, IdentityBetweenModel>("between layers", "B,4"),
        Row<SoftmaxAttribute, SoftmaxModel>("", "B,3,5"),
        Row<SoftmaxAttribute, SoftmaxDim1Model>("dim 1", "B,3,5"),
        Row<LogSoftmaxAttribute, LogSoftmaxModel>("", "B,3,5"),
        Row<LogSoftmaxAttribute, LogSoftmaxDim1Model>("dim 1", "B,3,5"),
        Row<DropoutAttribute, DropoutModel>("(eval)", "B,5"),
        Row<Dropout2dAttribute, Dropout2dModel>("[B,C,H,W] (eval)", "B,3,4,4"),
        Row<Dropout2dAttribute, Dropout2dSequenceModel>("[B,C,L] (eval)", "B,3,6"),
        Row<FlattenAttribute, FlattenModel>("", "B,24"),                              // 2·3·4
        Row<FlattenAttribute, FlattenStartDim2Model>("start dim 2", "B,2,12"),
        Row<ReshapeAttribute, ReshapeModel>("", "B,2,3,4"),
        Row<PermuteAttribute, PermuteModel>("(0, 2, 1)", "B,5,3"),
        Row<PermuteAttribute, PermuteChannelsLastModel>("(0, 3, 1, 2)", "B,4,2,3"),
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
        Row<MultiplyAttribute, MultiplyGateModel>("gate", "B,6"),
        Row<MultiplyAttribute, MultiplyThreeModel>("of three (Mul chain)", "B,6"),
        Row<EmbeddingAttribute, EmbeddingModel>("", "B,5,4") with { Input = TokenIds },
        SequenceRow<EmbeddingAttribute, EmbeddingSequenceModel>("[B,T]", "B,T,4", TokenIds),
        Row<LSTMAttribute, LSTMModel>("final state", "B,4"),
        SequenceRow<LSTMAttribute, LSTMSequencesModel>("sequences", "B,T,4"),
        SequenceRow<LSTMAttribute, LSTMStackedBidirectionalModel>("2 layers bidirectional final state", "B,8"),       // 2 directions · 4
        SequenceRow<LSTMAttribute, LSTMStackedBidirectionalSequencesModel>("2 layers bidirectional sequences", "B,T,8"),
        SequenceRow<GRUAttribute, GRUModel>("final state", "B,4"),
        SequenceRow<GRUAttribute, GRUBidirectionalModel>("bidirectional final state", "B,8"),
        SequenceRow<GRUAttribute, GRUStackedBidirectionalSequencesModel>("2 layers bidirectional sequences", "B,T,8"),
        SequenceRow<RNNAttribute, RNNModel>("final state", "B,4"),
        SequenceRow<RNNAttribute, RNNStackedBidirectionalSequencesModel>("2 layers bidirectional sequences", "B,T,8"),
        Row<PositionalEncodingAttribute, PositionalEncodingModel>("fixed length", "B,5,6"),
        SequenceRow<PositionalEncodingAttribute, PositionalEncodingSequenceModel>("[B,T,D]", "B,T,6"),
        GraphRow<GcnConvAttribute, GcnConvModel>("", "B,N,4"),
        GraphRow<GcnConvAttribute, GcnConvNoSelfLoopsModel>("no self-loops", "B,N,4"),
        GraphRow<GcnConvAttribute, GcnConvUnnormalisedModel>("unnormalised", "B,N,4"),
        GraphRow<GraphSageConvAttribute, GraphSageConvModel>("mean", "B,N,4"),
        GraphRow<GraphSageConvAttribute, GraphSageConvSumModel>("sum", "B,N,4"),
        Row<NodeMeanPoolAttribute, NodeMeanPoolModel>("", "B,5"),
        Row<NodeMaxPoolAttribute, NodeMaxPoolModel>("", "B,5"),
        Row<ReparameterizeAttribute, ReparameterizeModel>("(eval: the mean)", "B,4"),
        Row<UseAttribute, UseModel>("repeated", "B,4,5"),                               // 9 − 2 − 2
        Row<ResidualAttribute, ResidualModel>("repeated", "B,6"),
        Row<MultiHeadAttentionAttribute, MultiHeadAttentionModel>("2 heads", "B,5,8"),
        Row<MultiHeadAttentionAttribute, MultiHeadAttentionCausalModel>("4 heads causal", "B,5,8"),
        Row<MultiHeadAttentionAttribute, MultiHeadAttentionOneHeadModel>("1 head after Linear", "B,4,6"),
        SequenceRow<MultiHeadAttentionAttribute, MultiHeadAttentionSymbolicModel>("[B,T,D]", "B,T,8"),
        SequenceRow<MultiHeadAttentionAttribute, MultiHeadAttentionCausalSymbolicModel>("[B,T,D] causal", "B,T,8"),
        CrossRow<MultiHeadAttentionAttribute, MultiHeadAttentionCrossModel>("cross [B,T,D] over [B,N,D]", "B,T,8"),
        CrossRow<MultiHeadAttentionAttribute, MultiHeadAttentionCrossAfterLinearModel>("1 head cross over a projected memory", "B,T,6"),
        Row<TransformerEncoderAttribute, TransformerEncoderModel>("1 layer", "B,5,8"),
        SequenceRow<TransformerEncoderAttribute, TransformerEncoderStackedModel>("2 layers [B,T,D]", "B,T,8"),
        CrossRow<TransformerDecoderAttribute, TransformerDecoderModel>("1 layer [B,T,D] over [B,N,D]", "B,T,8"),
        CrossRow<TransformerDecoderAttribute, TransformerDecoderStackedModel>("2 layers over a projected memory", "B,T,8"),
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
        AssertExportMatches(row.Create, row.Signature, opset, row.Input, row.Lengths);
    }

    public static TheoryData<int> EachOpset() => new(Opsets);

    [Theory]
    [MemberData(nameof(EachOpset))]
    public void Digits_sample_matches_onnx_runtime(int opset) =>
        AssertExportMatches(() => new DigitCnn(), DigitCnn.Signature, opset);

    /// <summary>
    /// The only kinds exempt from parity rows, for having no ONNX form: a Lambda runs C# code. Instead ExportOnnx must
    /// refuse them, which <see cref="Kinds_without_an_onnx_form_refuse_export"/> checks.
    /// </summary>
    private static readonly (Type Kind, Func<nn.Module> Create)[] WithoutOnnxForm =
    [
        (typeof(LambdaAttribute), () => new MirrorNet()),
    ];

    [Fact]
    public void Every_layer_kind_has_a_parity_row()
    {
        var kinds = typeof(LayerAttribute).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(LayerAttribute)) && !type.IsAbstract);
        Assert.Empty(kinds.Except(Rows.Select(row => row.Kind)).Except(WithoutOnnxForm.Select(w => w.Kind)).Select(kind => kind.Name));
        Assert.Empty(WithoutOnnxForm.Select(w => w.Kind).Intersect(Rows.Select(row => row.Kind)));
        Assert.Equal(Rows.Length, Rows.Select(row => row.Name).Distinct().Count());
    }

    [Fact]
    public void Kinds_without_an_onnx_form_refuse_export()
    {
        foreach (var (kind, create) in WithoutOnnxForm)
        {
            using var model = create();
            Assert.NotEmpty(model.GetType().GetCustomAttributes(kind, inherit: false));
            using var directory = new TempDirectory();

            var error = Assert.Throws<NotSupportedException>(() => ((IGeneratedModel)model).ExportOnnx(directory.File("model.onnx")));

            Assert.Contains($"{kind.Name[..^"Attribute".Length]}(", error.Message);
            Assert.Contains("has no ONNX form", error.Message);
            Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
        }
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

    /// <summary>Symbolic spatial sizes: the bins are built from the input's shape, so one file serves every size.</summary>
    [Theory]
    [MemberData(nameof(EachOpset))]
    public void Adaptive_pooling_of_symbolic_sizes_matches_onnx_runtime_at_several_sizes(int opset)
    {
        var cases = new (Func<nn.Module<Tensor, Tensor>> Create, long[][] Inputs, long[][] Outputs)[]
        {
            (() => new AdaptiveAvgPool2dSymbolicModel(), [[1, 3, 5, 7], [7, 3, 9, 4], [2, 3, 2, 2]], [[1, 3, 3, 3], [7, 3, 3, 3], [2, 3, 3, 3]]),
            (() => new AdaptiveAvgPool2dSymbolicHeightModel(), [[1, 2, 3, 6], [7, 2, 10, 6]], [[1, 2, 4, 4], [7, 2, 4, 4]]),
            (() => new AdaptiveAvgPool1dSymbolicModel(), [[1, 3, 10], [7, 3, 5], [3, 3, 2]], [[1, 3, 4], [7, 3, 4], [3, 3, 4]]),
        };
        foreach (var (create, inputs, outputs) in cases)
        {
            torch.manual_seed(99);
            using var model = create();
            model.eval();
            using var directory = new TempDirectory();
            string path = directory.File("model.onnx");
            ((IGeneratedModel)model).ExportOnnx(path, new OnnxExportOptions { Opset = opset });
            OnnxOperatorRules.AssertValid(path);
            for (int i = 0; i < inputs.Length; i++)
            {
                using var scope = torch.NewDisposeScope();
                var x = torch.randn(inputs[i]);
                var expected = GeneratedModels.Infer(model, x);
                Assert.Equal(outputs[i], expected.shape);
                OnnxRuntimeParity.AssertMatches(path, new Dictionary<string, Tensor> { ["x"] = x }, expected);
            }
        }
    }

    /// <summary>Causal: changing the last position leaves every earlier output unchanged, and changes the last one.</summary>
    [Fact]
    public void Causal_attention_does_not_see_later_positions()
    {
        torch.manual_seed(5);
        using var model = new MultiHeadAttentionCausalSymbolicModel();
        model.eval();
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(2, 6, 8);
        var changed = x.clone();
        changed[.., 5, ..] = torch.randn(2, 8);
        var before = GeneratedModels.Infer(model, x);
        var after = GeneratedModels.Infer(model, changed);
        Assert.True(before[.., ..5, ..].allclose(after[.., ..5, ..], rtol: 0, atol: 1e-6));
        Assert.False(before[.., 5, ..].allclose(after[.., 5, ..], rtol: 0, atol: 1e-3));
    }

    /// <summary>
    /// The decoder's target attends causally (a changed last target position leaves earlier outputs alone) and its
    /// memory fully (a changed last memory position changes every output); cross-attention likewise sees all the memory.
    /// </summary>
    [Fact]
    public void Decoder_is_causal_over_the_target_and_reads_the_whole_memory()
    {
        torch.manual_seed(6);
        using var decoder = new TransformerDecoderModel();
        using var cross = new MultiHeadAttentionCrossModel();
        decoder.eval();
        cross.eval();
        using var scope = torch.NewDisposeScope();
        var target = torch.randn(2, 6, 8);
        var memory = torch.randn(2, 4, 8);
        var changedTarget = target.clone();
        changedTarget[.., 5, ..] = torch.randn(2, 8);
        var changedMemory = memory.clone();
        changedMemory[.., 3, ..] = torch.randn(2, 8);

        var before = GeneratedModels.Infer(decoder, target, memory);
        var afterTarget = GeneratedModels.Infer(decoder, changedTarget, memory);
        Assert.True(before[.., ..5, ..].allclose(afterTarget[.., ..5, ..], rtol: 0, atol: 1e-6));
        Assert.False(before[.., 5, ..].allclose(afterTarget[.., 5, ..], rtol: 0, atol: 1e-3));
        var afterMemory = GeneratedModels.Infer(decoder, target, changedMemory);
        Assert.False(before[.., 0, ..].allclose(afterMemory[.., 0, ..], rtol: 0, atol: 1e-3));
        Assert.False(GeneratedModels.Infer(cross, target, memory)[.., 0, ..]
            .allclose(GeneratedModels.Infer(cross, target, changedMemory)[.., 0, ..], rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void Dropout2d_zeroes_whole_channels_in_training()
    {
        torch.manual_seed(7);
        foreach (nn.Module<Tensor, Tensor> model in new nn.Module<Tensor, Tensor>[] { new Dropout2dModel(), new Dropout2dSequenceModel() })
        {
            model.train();
            using var scope = torch.NewDisposeScope();
            long[] shape = model is Dropout2dModel ? [16, 3, 4, 4] : [16, 3, 6];
            var channels = model.forward(torch.ones(shape)).reshape(16 * 3, -1);

            // p = 0.5: a channel is dropped (all 0) or kept and scaled by 1 / (1 − p) (all 2), never mixed.
            var dropped = (channels == 0).all(1);
            var kept = (channels == 2).all(1);
            Assert.True((dropped | kept).all().item<bool>());
            Assert.True(dropped.any().item<bool>() && kept.any().item<bool>());
            model.Dispose();
        }
    }

    private static void AssertExportMatches(Func<nn.Module> create, ModelSignature signature, int opset,
        Func<long[], Tensor>? input = null, long[]? lengths = null)
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
        GeneratedModels.AssertOnnxParity(model, signature, path, [1, 7], lengths ?? [], GeneratedModels.GraphNodes, input ?? (shape => randn(shape)));
    }
}
