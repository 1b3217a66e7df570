using SciDsl.Samples.Generative;
using SciDsl.Tests.Experiments;
using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl.Tests.Training;

/// <summary>Every paradigm's trainer, run the same small way, for the theories that must hold for each of them.</summary>
internal static class EveryParadigm
{
    public static readonly TheoryData<string> Names =
        ["supervised", "pseudolabel", "fixmatch", "meanteacher", "multitask", "transfer", "selfsupervised", "dann", "coral", "vae", "gan"];

    /// <summary>What the theories read from a run of any paradigm.</summary>
    public sealed record Run(Normalization? Normalization, string CheckpointPath, int History);

    /// <summary>
    /// One epoch of <paramref name="paradigm"/> on features scaled 1000× (<see cref="Scaled"/>) with a model that notes
    /// the scale of its inputs in <paramref name="scale"/>.
    /// </summary>
    public static Run Train(string paradigm, bool normalize, InputScale scale, TrainOptions options)
    {
        var classify = new TrainConfig(Loss.CrossEntropy, Optim.Adam, Epochs: 1, BatchSize: 32, Seed: 3, ValidationSplit: 0.2, Normalize: normalize);
        var iris = new Scaled(new IrisSamples());
        static Run Of<TModel>(TrainingResult<TModel> result) where TModel : torch.nn.Module =>
            new(result.Normalization, result.CheckpointPath, result.History.Count);
        switch (paradigm)
        {
            case "supervised":
                return Of(SupervisedTrainer.Run(classify, () => new ScaleRecordingMlp(4, 3, scale), iris, IrisSamples.Signature, options));
            case "pseudolabel" or "fixmatch" or "meanteacher":
                var method = paradigm switch
                {
                    "fixmatch" => SemiSupervisedMethod.FixMatch,
                    "meanteacher" => SemiSupervisedMethod.MeanTeacher,
                    _ => SemiSupervisedMethod.PseudoLabel,
                };
                return Of(SemiSupervisedTrainer.Run(classify, () => new ScaleRecordingMlp(4, 3, scale), iris, iris.Load().Features,
                    IrisSamples.Signature, options, new SemiSupervisedSettings(Method: method)));
            case "multitask":
                return Of(MultiTaskTrainer.Run(classify with { Loss = Loss.MSE }, () => new ScaleRecordingMlp(3, 1, scale), (model, x) => [model.forward(x)],
                    new Scaled(new PlantedLinearSamples()), PlantedLinearSamples.Signature, [new TrainingTask("y", Loss.MSE, FirstColumn: 0)], options));
            case "transfer":
                return Of(TransferTrainer.Run(classify, () => new ScaleRecordingMlp(4, 3, scale), iris, IrisSamples.Signature,
                    new TransferSettings(() => PretrainedWeights.FromModel(new ScaleRecordingMlp(4, 3, new InputScale()))), options));
            case "selfsupervised":
                var encoded = SelfSupervisedTrainer.Run(classify with { Loss = Loss.MSE }, () => new ScaleRecordingAutoencoder(scale), iris.Load().Features,
                    new SelfSupervisedSettings(SelfSupervisedMethod.Autoencoder), options);
                return new(encoded.Normalization, encoded.CheckpointPath, encoded.History.Count);
            case "dann" or "coral":
                return Of(DomainAdaptationTrainer.Run(classify, () => new ScaleRecordingMlp(4, 3, scale), iris, iris.Load().Features, IrisSamples.Signature,
                    new DomainAdaptationSettings(paradigm == "dann" ? Adaptation.Dann : Adaptation.Coral, "features"), options));
            case "vae":
                return Of(VaeTrainer.Run(classify with { Loss = Loss.MSE }, () => new IrisVae(), VaeOutputsOf(scale), iris, IrisSamples.Signature, options));
            case "gan":
                var gan = GanTrainer.Run(new TrainConfig(Loss.BCEWithLogits, Optim.Adam, Epochs: 1, BatchSize: 256, Seed: 3, Normalize: normalize),
                    () => new PointGenerator(), () => new ScaleRecordingMlp(2, 1, scale), 4, new Scaled(new GaussianPoints()), GaussianPoints.Signature, options);
                return Of(gan.Training);
            default:
                throw new ArgumentException($"unknown paradigm '{paradigm}'", nameof(paradigm));
        }
    }

    public static Func<IrisVae, torch.Tensor, VaeOutputs> VaeOutputsOf(InputScale scale) => (model, x) =>
    {
        scale.Note(x);
        var (reconstruction, mean, logVariance) = model.forward(x);
        return new VaeOutputs(reconstruction, mean, logVariance);
    };
}


/// <summary>The largest absolute value among the inputs a model was given.</summary>
internal sealed class InputScale
{
    public double Largest { get; private set; }

    public void Note(torch.Tensor input) => Largest = Math.Max(Largest, input.abs().max().item<float>());
}

/// <summary>A data set's features multiplied by 1000: raw features on a scale no default initialisation expects.</summary>
internal sealed class Scaled(IDataSource data) : IDataSource
{
    public LabelledData Load()
    {
        var loaded = data.Load();
        return loaded with { Features = loaded.Features * 1000 };
    }
}

/// <summary>A small classifier with a named feature layer that notes the scale of every input it is given.</summary>
internal sealed class ScaleRecordingMlp : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    private readonly Linear features;
    private readonly Linear head;
    private readonly InputScale scale;

    public ScaleRecordingMlp(long inputs, long outputs, InputScale scale) : base(nameof(ScaleRecordingMlp))
    {
        features = torch.nn.Linear(inputs, 16);
        head = torch.nn.Linear(16, outputs);
        this.scale = scale;
        RegisterComponents();
    }

    public override torch.Tensor forward(torch.Tensor input)
    {
        scale.Note(input);
        return head.call(torch.nn.functional.relu(features.call(input)));
    }
}

/// <summary>A small VAE of four features: (reconstruction, mean, log-variance) of a two-dimensional latent.</summary>
internal sealed class IrisVae : torch.nn.Module<torch.Tensor, (torch.Tensor, torch.Tensor, torch.Tensor)>
{
    private readonly Linear encoder = torch.nn.Linear(4, 8);
    private readonly Linear mean = torch.nn.Linear(8, 2);
    private readonly Linear logVariance = torch.nn.Linear(8, 2);
    private readonly Linear decoder = torch.nn.Linear(2, 4);

    public IrisVae() : base(nameof(IrisVae)) => RegisterComponents();

    public override (torch.Tensor, torch.Tensor, torch.Tensor) forward(torch.Tensor input)
    {
        var hidden = torch.nn.functional.relu(encoder.call(input));
        var (mu, logVar) = (mean.call(hidden), logVariance.call(hidden));
        var latent = mu + torch.randn_like(mu) * (0.5 * logVar).exp();
        return (decoder.call(latent), mu, logVar);
    }
}

/// <summary>A small autoencoder (code, reconstruction) that notes the scale of every input it is given.</summary>
internal sealed class ScaleRecordingAutoencoder : torch.nn.Module<torch.Tensor, (torch.Tensor, torch.Tensor)>
{
    private readonly Linear encoder = torch.nn.Linear(4, 8);
    private readonly Linear decoder = torch.nn.Linear(8, 4);
    private readonly InputScale scale;

    public ScaleRecordingAutoencoder(InputScale scale) : base(nameof(ScaleRecordingAutoencoder))
    {
        this.scale = scale;
        RegisterComponents();
    }

    public override (torch.Tensor, torch.Tensor) forward(torch.Tensor input)
    {
        scale.Note(input);
        var code = torch.nn.functional.relu(encoder.call(input));
        return (code, decoder.call(code));
    }
}
