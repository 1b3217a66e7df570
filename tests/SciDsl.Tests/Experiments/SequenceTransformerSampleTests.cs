using SciDsl.Samples.SequenceTransformer;
using TorchSharp;

namespace SciDsl.Tests.Experiments;

/// <summary>The SequenceTransformer sample's motif grammar labels what it generates, and its experiment learns it.</summary>
public sealed class SequenceTransformerSampleTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scidsl-motifs-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("AAAAAAAA", 0)]
    [InlineData("AANASAAA", 1)]
    [InlineData("AANPSAAA", 0)]  // N-P-S: the residue after N must not be P
    [InlineData("AANASPAA", 0)]  // N-A-S-P: nor the one after S/T
    [InlineData("AANATA", 1)]
    [InlineData("AAARGDAA", 2)]
    [InlineData("NGTARGDA", 3)]
    [InlineData("RGDNGTAA", 4)]
    [InlineData("NGTARGDNGTA", 3)]  // the first occurrences decide the order
    public void Classify_reads_presence_and_order_of_the_first_motifs(string sequence, int expected) =>
        Assert.Equal(expected, MotifGrammar.Classify(sequence));

    [Fact]
    public void Every_generated_sequence_is_forty_residues_of_the_class_it_was_drawn_for()
    {
        var random = new Random(11);
        for (int label = 0; label < MotifGrammar.ClassNames.Length; label++)
            for (int draw = 0; draw < 200; draw++)
            {
                string sequence = MotifGrammar.Sample(label, random);
                Assert.Equal(MotifGrammar.Length, sequence.Length);
                Assert.All(sequence, residue => Assert.Contains(residue, MotifGrammar.AminoAcids));
                Assert.Equal(label, MotifGrammar.Classify(sequence));
            }
    }

    [Fact]
    public void Dataset_holds_the_classes_equally_often_as_residue_ids()
    {
        var data = MotifSequences.Signature.Check(new MotifSequences { Count = 50, Seed = 4 }.Load(), nameof(MotifSequences));

        Assert.Equal(torch.ScalarType.Int64, data.Features.dtype);
        Assert.Equal(Enumerable.Repeat(10L, 5), data.Targets.bincount(null).data<long>().ToArray());
        Assert.Equal(0, data.Features.min().item<long>());
        Assert.Equal(MotifGrammar.AminoAcids.Length - 1, data.Features.max().item<long>());  // A and Y, the first and last ids, occur in 2,000 residues
    }

    /// <summary>Three of the sample's six epochs already clear its 90 % bar; the export agrees with TorchSharp.</summary>
    [Fact]
    public void The_SequenceTransformer_sample_learns_the_grammar_and_its_onnx_export_agrees()
    {
        var result = new MotifExperiment().Run(new TrainOptions
        {
            Epochs = 3, CheckpointPath = Path.Combine(directory, "motifs.ckpt"), Progress = ProgressMode.None,
        });
        Assert.True(result.Final.ValidationAccuracy >= 0.9, $"validation accuracy {result.Final.ValidationAccuracy}");

        var model = result.Model;
        model.eval();
        string onnxPath = Path.Combine(directory, "motifs.onnx");
        model.ExportOnnx(onnxPath);
        var tokens = new MotifSequences { Count = 64, Seed = 2 }.Load().Features;
        torch.Tensor expected;
        using (torch.no_grad()) expected = model.forward(tokens);
        using var _ = expected;
        Onnx.OnnxRuntimeParity.AssertMatches(onnxPath, new Dictionary<string, torch.Tensor> { ["tokens"] = tokens }, expected);
    }
}
