using TorchSharp;

namespace SciDsl;

/// <summary>What one mean and standard deviation covers.</summary>
public enum NormalizeOver
{
    /// <summary>Each position of a sample (each column of tabular data): statistics of the sample's shape.</summary>
    Feature,
    /// <summary>Each channel (dim 1 of <c>[N, C, …]</c>, e.g. an image's colours): statistics of shape <c>[C]</c>.</summary>
    Channel,
}

/// <summary>The mean and standard deviation of one input, as fitted on the training samples.</summary>
/// <param name="Shape">The statistics' shape: the sample's shape for <see cref="NormalizeOver.Feature"/>, <c>[C]</c> for <see cref="NormalizeOver.Channel"/>.</param>
/// <param name="Std">Population standard deviations; a constant feature gets 1, so it is only centred.</param>
public sealed record InputStatistics(string Input, NormalizeOver Over, long[] Shape, double[] Mean, double[] Std);

/// <summary>
/// Standardises inputs, <c>(x - mean) / std</c>, with statistics fitted on the training split only (<see cref="Fit"/>)
/// and applied unchanged to validation, test and new data, so no information from them leaks into training.
/// Saved beside the model with <see cref="DataPreparation"/>.
/// </summary>
public sealed class Normalization(IReadOnlyList<InputStatistics> inputs)
{
    /// <summary>The statistics of each normalised input.</summary>
    public IReadOnlyList<InputStatistics> Inputs { get; } = inputs;

    /// <summary>Fits mean and standard deviation of the named inputs (default: every float input) on <paramref name="train"/>.</summary>
    /// <exception cref="ArgumentException">A named input does not exist or is not floating point, there are no samples, or per-channel inputs have no channel dim.</exception>
    public static Normalization Fit(SampleSet train, NormalizeOver over, params string[] inputs)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0) throw new ArgumentException("There are no training samples to fit the normalisation on.", nameof(train));
        var names = inputs.Length > 0 ? inputs : train.InputNames.Where(name => train[name].is_floating_point()).ToArray();
        return new Normalization(names.Select(name => FitInput(name, train[name], over)).ToArray());
    }

    private static InputStatistics FitInput(string name, torch.Tensor values, NormalizeOver over)
    {
        if (!values.is_floating_point())
            throw new ArgumentException($"Input '{name}' is {values.dtype.ToString().ToLowerInvariant()}; only floating-point inputs can be normalised.", nameof(values));
        if (over == NormalizeOver.Channel && values.dim() < 2)
            throw new ArgumentException($"Input '{name}' has shape [{string.Join(", ", values.shape)}], with no channel dim after the sample dim.", nameof(over));
        using var scope = torch.NewDisposeScope();
        var asDouble = values.to_type(torch.ScalarType.Float64);
        long[] reduce = over == NormalizeOver.Feature ? [0] : Enumerable.Range(0, (int)values.dim()).Where(d => d != 1).Select(d => (long)d).ToArray();
        var mean = asDouble.mean(reduce);
        var std = (asDouble - Broadcastable(mean, over, values.dim())).square().mean(reduce).sqrt();
        double[] stdValues = std.data<double>().Select(s => s > 1e-12 ? s : 1.0).ToArray();
        return new InputStatistics(name, over, mean.shape, mean.data<double>().ToArray(), stdValues);
    }

    /// <summary>Statistics shaped to broadcast against <c>[N, …]</c> values.</summary>
    private static torch.Tensor Broadcastable(torch.Tensor statistics, NormalizeOver over, long rank) =>
        over == NormalizeOver.Feature
            ? statistics.unsqueeze(0)
            : statistics.reshape([1, statistics.shape[0], .. Enumerable.Repeat(1L, (int)rank - 2)]);

    /// <summary>The samples with every fitted input standardised; other inputs and the targets unchanged.</summary>
    /// <exception cref="ArgumentException">An input's shape does not fit its statistics.</exception>
    public SampleSet Apply(SampleSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.MapInputs((name, values) => Inputs.FirstOrDefault(s => s.Input == name) is { } statistics ? Apply(statistics, values) : values);
    }

    /// <summary>
    /// <paramref name="features"/> standardised with the statistics of the first normalised input: how raw samples of the
    /// features the model was trained on (new data, unlabelled or target-domain samples) reach it.
    /// </summary>
    internal torch.Tensor ApplyToFeatures(torch.Tensor features) => Apply(Inputs[0], features);

    private static torch.Tensor Apply(InputStatistics statistics, torch.Tensor values)
    {
        long[] fitted = statistics.Over == NormalizeOver.Feature ? values.shape[1..] : values.dim() >= 2 ? [values.shape[1]] : [];
        if (!fitted.SequenceEqual(statistics.Shape))
        {
            // Per feature the statistics have one sample's shape, so a lone sample is that shape without the batch dim.
            string batch = statistics.Over == NormalizeOver.Feature ? $"; it takes a batch [N, {string.Join(", ", statistics.Shape)}]" : "";
            string oneSample = statistics.Over == NormalizeOver.Feature && values.shape.SequenceEqual(statistics.Shape) ? " (for one sample, pass x.unsqueeze(0))" : "";
            throw new ArgumentException(
                $"Input '{statistics.Input}' of shape [{string.Join(", ", values.shape)}] does not fit its normalisation, fitted on {statistics.Over.ToString().ToLowerInvariant()} shape [{string.Join(", ", statistics.Shape)}]{batch}{oneSample}.",
                nameof(values));
        }
        using var scope = torch.NewDisposeScope();
        var mean = Broadcastable(torch.tensor(statistics.Mean, statistics.Shape), statistics.Over, values.dim()).to(values.dtype, values.device);
        var std = Broadcastable(torch.tensor(statistics.Std, statistics.Shape), statistics.Over, values.dim()).to(values.dtype, values.device);
        return ((values - mean) / std).MoveToOuterDisposeScope();
    }
}
