using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Augmentations;

public sealed class SequenceAugmentationTests
{
    private static Tensor OneHot(params string[] sequences)
    {
        var values = new float[sequences.Length * 4 * sequences[0].Length];
        for (int s = 0; s < sequences.Length; s++)
            for (int position = 0; position < sequences[s].Length; position++)
                values[(s * 4 + "ACGT".IndexOf(sequences[s][position])) * sequences[s].Length + position] = 1;
        return torch.tensor(values).view(sequences.Length, 4, sequences[0].Length);
    }

    /// <summary>The shift of <paramref name="output"/> relative to <paramref name="input"/> along dim 1 of a [C,L] or [L,F] sample.</summary>
    private static int? ShiftOf(float[,] input, float[,] output, int maxShift, bool positionsFirst)
    {
        int length = positionsFirst ? input.GetLength(0) : input.GetLength(1), channels = positionsFirst ? input.GetLength(1) : input.GetLength(0);
        for (int shift = -maxShift; shift <= maxShift; shift++)
        {
            bool matches = true;
            for (int position = 0; position < length && matches; position++)
                for (int channel = 0; channel < channels && matches; channel++)
                {
                    int source = position - shift;
                    float expected = source >= 0 && source < length ? (positionsFirst ? input[source, channel] : input[channel, source]) : 0;
                    matches = expected == (positionsFirst ? output[position, channel] : output[channel, position]);
                }
            if (matches) return shift;
        }
        return null;
    }

    private static float[,] Sample(Tensor batch, int index)
    {
        var sample = batch[index];
        var values = new float[sample.shape[0], sample.shape[1]];
        var flat = sample.contiguous().data<float>().ToArray();
        Buffer.BlockCopy(flat, 0, values, 0, flat.Length * sizeof(float));
        return values;
    }

    [Theory]
    [InlineData(SequenceLayout.ChannelsFirst)]
    [InlineData(SequenceLayout.ChannelsLast)]
    public void Shift_moves_each_sequence_by_at_most_the_limit_filling_with_zeros(SequenceLayout layout)
    {
        const int maxShift = 3;
        using var sequences = torch.rand(20, 3, 10, generator: new torch.Generator(1)) + 1;
        using var laidOut = layout == SequenceLayout.ChannelsFirst ? sequences.alias() : sequences.transpose(1, 2).contiguous();
        using var generator = new torch.Generator(2);
        using var output = Augmentation.Shift(maxShift, layout).Apply(laidOut, generator);
        Assert.Equal(laidOut.shape, output.shape);
        var shifts = Enumerable.Range(0, 20).Select(i => ShiftOf(Sample(laidOut, i), Sample(output, i), maxShift, layout == SequenceLayout.ChannelsLast)).ToList();
        Assert.All(shifts, shift => Assert.NotNull(shift));
        Assert.True(shifts.Distinct().Count() > 3, "samples should draw different shifts");
    }

    [Fact]
    public void Crop_cuts_a_window_of_the_requested_length_from_each_sequence()
    {
        using var sequences = torch.arange(12 * 2 * 9, ScalarType.Float32).view(12, 2, 9);
        using var generator = new torch.Generator(3);
        using var output = Augmentation.Crop(5).Apply(sequences, generator);
        Assert.Equal(new long[] { 12, 2, 5 }, output.shape);
        for (int i = 0; i < 12; i++)
            Assert.Contains(Enumerable.Range(0, 5), start => sequences[i, .., start..(start + 5)].Same(output[i]));
    }

    [Fact]
    public void Masking_zeroes_whole_positions_with_the_given_probability()
    {
        using var sequences = torch.rand(16, 4, 200, generator: new torch.Generator(4)) + 1;
        using var generator = new torch.Generator(5);
        using var output = Augmentation.Mask(0.25).Apply(sequences, generator);
        using var zeroed = output.eq(0);
        using var positionZeroed = zeroed.all(1);
        // A position is either wholly zeroed or wholly kept.
        Assert.True(zeroed.any(1).Same(positionZeroed));
        using var kept = positionZeroed.logical_not().unsqueeze(1).expand_as(sequences);
        Assert.True(output.masked_select(kept).Same(sequences.masked_select(kept)));
        Assert.InRange(positionZeroed.to(ScalarType.Float32).mean().item<float>(), 0.22f, 0.28f);
    }

    [Fact]
    public void Reverse_complement_reverses_positions_and_swaps_A_with_T_and_C_with_G()
    {
        using var dna = OneHot("AACGT", "GGATC");
        using var expected = OneHot("ACGTT", "GATCC");
        using var generator = new torch.Generator(6);
        var complement = Augmentation.ReverseComplement(1);
        using var output = complement.Apply(dna, generator);
        Assert.True(output.Same(expected));
        using var twice = complement.Apply(output, generator);
        Assert.True(twice.Same(dna));
    }

    [Fact]
    public void Reverse_complement_needs_four_channels()
    {
        using var notDna = torch.zeros(2, 3, 10);
        using var generator = new torch.Generator(7);
        var error = Assert.Throws<ArgumentException>(() => Augmentation.ReverseComplement().Apply(notDna, generator));
        Assert.Contains("ReverseComplement", error.Message);
        Assert.Contains("[B,4,L]", error.Message);
        Assert.Contains("[2, 3, 10]", error.Message);
    }

    [Fact]
    public void Sequence_augmentations_refuse_an_image_batch()
    {
        using var images = torch.zeros(2, 1, 4, 4);
        using var generator = new torch.Generator(8);
        var error = Assert.Throws<ArgumentException>(() => Augmentation.Shift(1, SequenceLayout.ChannelsLast).Apply(images, generator));
        Assert.Contains("SequenceShift", error.Message);
        Assert.Contains("[B,L,F]", error.Message);
        Assert.Contains("[2, 1, 4, 4]", error.Message);
    }
}
