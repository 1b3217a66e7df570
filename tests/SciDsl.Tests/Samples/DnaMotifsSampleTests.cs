using SciDsl.Samples.DnaMotifs;
using SciDsl.Tests.Onnx;
using TorchSharp;

namespace SciDsl.Tests.Samples;

/// <summary>The DnaMotifs sample's sequences, its ROC AUC and one short run of its CNN experiment.</summary>
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
    public void Roc_auc_is_the_chance_a_positive_outscores_a_negative()
    {
        Assert.Equal(1.0, RocAuc.Compute([0.1f, 0.2f, 0.35f, 0.8f], [0, 0, 1, 1]), 12);
        Assert.Equal(0.0, RocAuc.Compute([0.9f, 0.8f, 0.1f], [0, 0, 1]));
        // Pairs (positive, negative): (0.35, 0.1) win, (0.35, 0.4) lose, (0.8, 0.1) win, (0.8, 0.4) win → 3/4.
        Assert.Equal(0.75, RocAuc.Compute([0.1f, 0.4f, 0.35f, 0.8f], [0, 0, 1, 1]), 12);
        // A tie between a positive and a negative counts half: pairs (0.5, 0.5) ½ and (0.5, 0.2) 1 → 3/4.
        Assert.Equal(0.75, RocAuc.Compute([0.5f, 0.5f, 0.2f], [1, 0, 0]), 12);
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
        var scores = (logits[.., 1] - logits[.., 0]).data<float>().ToArray();
        double auc = RocAuc.Compute(scores, validation.Targets.data<long>().ToArray());
        Assert.True(auc > 0.85, $"held-out ROC AUC {auc:F3} after one epoch");
        string path = directory.File("cnn.onnx");
        model.ExportOnnx(path);
        OnnxRuntimeParity.AssertMatches(path, new Dictionary<string, torch.Tensor> { ["x"] = validation.Features }, logits);
    }
}
