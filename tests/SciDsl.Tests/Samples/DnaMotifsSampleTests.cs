using SciDsl.Samples.DnaMotifs;
using SciDsl.Tests.Onnx;
using TorchSharp;

namespace SciDsl.Tests.Samples;

/// <summary>The DnaMotifs sample's sequences and one short run of its CNN experiment.</summary>
public sealed class DnaMotifsSampleTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Sequences_are_one_hot_and_only_positives_carry_a_near_copy_of_the_motif()
    {
        var data = new PlantedMotifSequences().Load();
        PlantedMotifSequences.Signature.Check(data, nameof(PlantedMotifSequences));
        Assert.True(data.Features.sum(1).eq(1).all().item<bool>(), "every position holds exactly one base");
        Assert.True(data.Features.eq(new PlantedMotifSequences().Load().Features).all().item<bool>(), "the default seed gives the same sequences");

        // The best match of the motif anywhere in each sequence, in matching bases (of 10).
        var motif = torch.nn.functional.one_hot(
            torch.tensor(PlantedMotifSequences.Motif.Select(b => (long)PlantedMotifSequences.Bases.IndexOf(b)).ToArray()), 4)
            .t().to_type(torch.ScalarType.Float32).unsqueeze(0);
        var bestMatch = torch.nn.functional.conv1d(data.Features, motif).amax(new long[] { 1, 2 });
        var positives = data.Targets.eq(1);
        Assert.InRange(positives.to_type(torch.ScalarType.Float32).mean().item<float>(), 0.45f, 0.55f);
        // Mutation rate 0.1: nearly every positive keeps at least 8 of its 10 motif bases.
        Assert.True(bestMatch.masked_select(positives).ge(8).to_type(torch.ScalarType.Float32).mean().item<float>() > 0.9);
        // A random 10-mer matches 8 or more bases with probability ≈ 4e-4 per position: rare in a negative.
        Assert.True(bestMatch.masked_select(positives.logical_not()).ge(8).to_type(torch.ScalarType.Float32).mean().item<float>() < 0.05);
    }

    [Fact]
    public void One_epoch_of_the_cnn_experiment_separates_held_out_sequences_and_exports()
    {
        var result = new MotifCnnExperiment().Run(new TrainOptions
        {
            Epochs = 1, CheckpointPath = directory.File("cnn.ckpt"), Progress = ProgressMode.None,
        });

        var model = result.Model;
        model.eval();
        var validation = new PlantedMotifSequences().Load().ValidationPart(MotifCnnExperiment.Config);
        torch.Tensor logits;
        using (torch.no_grad()) logits = model.forward(validation.Features);
        var scores = (logits[.., 1] - logits[.., 0]).to_type(torch.ScalarType.Float64).data<double>().ToArray();
        double auc = RocAuc.Binary(scores, validation.Targets.data<long>().ToArray().Select(label => label == 1).ToArray())!.Value;
        Assert.True(auc > 0.85, $"held-out ROC AUC {auc:F3} after one epoch");
        string path = directory.File("cnn.onnx");
        model.ExportOnnx(path);
        OnnxRuntimeParity.AssertMatches(path, new Dictionary<string, torch.Tensor> { ["x"] = validation.Features }, logits);
    }
}
