using SciDsl.Tests.Onnx;
using TorchSharp;
using static TorchSharp.torch;
using SciDsl.Samples.Digits;

namespace SciDsl.Tests.Layers;

/// <summary>
/// Every layer kind, as generated from its attribute: TorchSharp eval output has the declared
/// shape and ONNX Runtime reproduces it (both optimisation levels) at batch 1 and 7.
/// </summary>
public sealed class LayerParityTests
{
    private sealed record LayerCase(Func<nn.Module<Tensor, Tensor>> Create, ModelSignature Signature);

    private static LayerCase Case<TModel>() where TModel : nn.Module<Tensor, Tensor>, IGeneratedModel, new() =>
        new(() => new TModel(), TModel.Signature);

    private static readonly IReadOnlyDictionary<string, LayerCase> Cases = new Dictionary<string, LayerCase>
    {
        ["Linear [B,F]"] = Case<LinearModel>(),
        ["Linear [B,F] no bias"] = Case<LinearNoBiasModel>(),
        ["Linear [B,T,F]"] = Case<LinearSequenceModel>(),
        ["Linear [B,T,F] no bias"] = Case<LinearSequenceNoBiasModel>(),
        ["Conv1d stride padding"] = Case<Conv1dModel>(),
        ["Conv1d dilation groups no bias"] = Case<Conv1dGroupedModel>(),
        ["Conv2d"] = Case<Conv2dModel>(),
        ["Conv2d stride padding dilation"] = Case<Conv2dStridedModel>(),
        ["Conv2d groups no bias"] = Case<Conv2dGroupedModel>(),
        ["MaxPool1d stride padding"] = Case<MaxPool1dModel>(),
        ["MaxPool2d"] = Case<MaxPool2dModel>(),
        ["MaxPool2d stride padding"] = Case<MaxPool2dPaddedModel>(),
        ["AvgPool1d stride padding"] = Case<AvgPool1dModel>(),
        ["AvgPool2d"] = Case<AvgPool2dModel>(),
        ["AvgPool2d stride padding"] = Case<AvgPool2dPaddedModel>(),
        ["AdaptiveAvgPool2d(1)"] = Case<AdaptiveAvgPool2dOneModel>(),
        ["AdaptiveAvgPool2d(2) on 4x4"] = Case<AdaptiveAvgPool2dTwoModel>(),
        ["GlobalAvgPool [B,C,H,W]"] = Case<GlobalAvgPool2dModel>(),
        ["GlobalAvgPool [B,C,L]"] = Case<GlobalAvgPool1dModel>(),
        ["BatchNorm1d [B,C]"] = Case<BatchNorm1dFeaturesModel>(),
        ["BatchNorm1d [B,C,L] eps"] = Case<BatchNorm1dSequenceModel>(),
        ["BatchNorm2d"] = Case<BatchNorm2dModel>(),
        ["LayerNorm"] = Case<LayerNormModel>(),
        ["LayerNorm [B,F] Eps"] = Case<LayerNormEpsModel>(),
        ["ReLU"] = Case<ReLUModel>(),
        ["LeakyReLU"] = Case<LeakyReLUModel>(),
        ["LeakyReLU Slope"] = Case<LeakyReLUSlopeModel>(),
        ["GELU"] = Case<GELUModel>(),
        ["SiLU"] = Case<SiLUModel>(),
        ["Tanh"] = Case<TanhModel>(),
        ["Sigmoid"] = Case<SigmoidModel>(),
        ["Softmax"] = Case<SoftmaxModel>(),
        ["Softmax Dim 1"] = Case<SoftmaxDim1Model>(),
        ["LogSoftmax"] = Case<LogSoftmaxModel>(),
        ["LogSoftmax Dim 1"] = Case<LogSoftmaxDim1Model>(),
        ["Dropout (eval)"] = Case<DropoutModel>(),
        ["Flatten"] = Case<FlattenModel>(),
        ["Flatten StartDim 2"] = Case<FlattenStartDim2Model>(),
        ["Reshape"] = Case<ReshapeModel>(),
        ["Add + Concat (residual)"] = Case<ResidualConcatModel>(),
        ["Concat Dim -1"] = Case<ConcatLastDimModel>(),
        ["Add of three (Sum)"] = Case<AddThreeModel>(),
        ["DigitCnn"] = Case<DigitCnn>(),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_model_matches_onnx_runtime_at_batch_1_and_7(string name)
    {
        var layerCase = Cases[name];
        torch.manual_seed(1234);
        using var model = layerCase.Create();
        GeneratedModels.RandomiseState(model);
        model.eval();
        using var directory = new TempDirectory();
        string path = directory.File("model.onnx");
        var generated = (IGeneratedModel)model;
        generated.ExportOnnx(path);

        Assert.Contains($"-> {layerCase.Signature.Outputs.Single()}", generated.Summary());
        GeneratedModels.AssertOnnxParity(model, layerCase.Signature, path, 1, 7);
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
}
