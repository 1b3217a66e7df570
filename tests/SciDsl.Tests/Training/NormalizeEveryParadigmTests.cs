using SciDsl.Samples.Generative;
using SciDsl.Tests.Experiments;
using TorchSharp;
using TorchSharp.Modules;
using static SciDsl.Tests.Training.TrainingAssertions;

namespace SciDsl.Tests.Training;

/// <summary>
/// <see cref="TrainConfig.Normalize"/> in every paradigm: on features scaled 1000×, every input the model is given (labelled,
/// unlabelled, target-domain, real samples for a discriminator) is standardised, with statistics fitted on the training
/// part of the trainer's split only, returned in the result and saved beside the checkpoint.
/// </summary>
public sealed class NormalizeEveryParadigmTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("supervised")]
    [InlineData("pseudolabel")]
    [InlineData("fixmatch")]
    [InlineData("meanteacher")]
    [InlineData("multitask")]
    [InlineData("transfer")]
    [InlineData("selfsupervised")]
    [InlineData("dann")]
    [InlineData("coral")]
    [InlineData("vae")]
    [InlineData("gan")]
    public void Normalize_standardises_every_input_the_model_sees_with_statistics_of_the_training_split_only(string paradigm)
    {
        var raw = new InputScale();
        Run? rawRun = null;
        try
        {
            rawRun = Train(paradigm, normalize: false, raw, temp.File($"{paradigm}.raw.ckpt"));
        }
        catch (TrainingDivergedException) when (paradigm == "vae")
        {
            // On inputs this large the VAE's log-variance overflows exp() in the KL term: raw training diverges at once.
        }
        var standardised = new InputScale();
        var run = Train(paradigm, normalize: true, standardised, temp.File($"{paradigm}.ckpt"));

        // Without Normalize the model sees the scaled features as they are; with it, nothing far from mean 0, deviation 1.
        Assert.Null(rawRun?.Normalization);
        Assert.True(raw.Largest > 100, $"raw inputs reached at most {raw.Largest}");
        Assert.True(standardised.Largest < 20, $"a normalised input reached {standardised.Largest}");

        var statistics = Assert.Single(run.Normalization!.Inputs);
        var (trainingPart, allSamples) = ExpectedMeans(paradigm);
        Assert.Equal(trainingPart.Length, statistics.Mean.Length);
        for (int i = 0; i < trainingPart.Length; i++) Assert.Equal(trainingPart[i], statistics.Mean[i], Math.Abs(trainingPart[i]) * 1e-9);
        // Held-out samples would move the mean: the statistics are the training part's alone (a GAN holds none out).
        if (paradigm != "gan") Assert.NotEqual(allSamples, statistics.Mean);

        var saved = DataPreparation.Load(DataPreparation.PathBeside(run.CheckpointPath)).Normalization!;
        Assert.Equal(statistics.Mean, saved.Inputs[0].Mean);
        Assert.Equal(statistics.Std, saved.Inputs[0].Std);
    }

    [Fact]
    public void A_resumed_run_returns_and_keeps_the_statistics_of_the_run_it_continues()
    {
        string path = temp.File("semi.ckpt");
        var first = Train("pseudolabel", normalize: true, new InputScale(), path);
        var resumed = Train("pseudolabel", normalize: true, new InputScale(), path, Quiet(path, epochs: 2, resume: true));

        Assert.Equal(2, resumed.History);
        Assert.Equal(first.Normalization!.Inputs[0].Mean, resumed.Normalization!.Inputs[0].Mean);
        Assert.Equal(first.Normalization.Inputs[0].Std, resumed.Normalization.Inputs[0].Std);
    }

    [Fact]
    public void A_vae_reconstructing_probabilities_refuses_normalised_inputs()
    {
        var config = new TrainConfig(Loss.BCEWithLogits, Optim.Adam, Epochs: 1, Normalize: true);
        var error = Assert.Throws<ArgumentException>(() => VaeTrainer.Run(config, () => new IrisVae(), VaeOutputsOf(new InputScale()),
            new IrisSamples(), IrisSamples.Signature, Quiet(temp.File("vae.ckpt"))));

        Assert.Contains("Loss.BCEWithLogits", error.Message);
        Assert.Contains("Loss.MSE", error.Message);
    }

    [Fact]
    public void Masked_token_prediction_refuses_normalize()
    {
        var config = new TrainConfig(Loss.CrossEntropy, Optim.Adam, Epochs: 1, Normalize: true);
        var error = Assert.Throws<ArgumentException>(() => SelfSupervisedTrainer.Run(config, () => new SequenceMasker(),
            torch.zeros([8, 16], torch.int64), new SelfSupervisedSettings(SelfSupervisedMethod.Masked), Quiet(temp.File("masked.ckpt"))));

        Assert.Contains("token ids", error.Message);
    }

    private sealed record Run(Normalization? Normalization, string CheckpointPath, int History);

    private static Run Train(string paradigm, bool normalize, InputScale scale, string path, TrainOptions? options = null)
    {
        options ??= Quiet(path);
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

    /// <summary>
    /// The mean of the first input over the training part of the paradigm's split (the same seeded split its trainer
    /// makes) and over all samples.
    /// </summary>
    private static (double[] TrainingPart, double[] AllSamples) ExpectedMeans(string paradigm)
    {
        var (data, validationSplit) = paradigm switch
        {
            "multitask" => (new Scaled(new PlantedLinearSamples()).Load(), 0.2),
            "gan" => (new Scaled(new GaussianPoints()).Load(), 0.0),
            _ => (new Scaled(new IrisSamples()).Load(), 0.2),
        };
        var features = data.Features.to_type(torch.float64);
        torch.Tensor trainingPart;
        if (paradigm == "selfsupervised")
        {
            // Self-supervised training holds out the first samples of a seeded permutation.
            int count = (int)features.shape[0];
            long[] order = DataSplit.Permutation(count, new Random(3));
            trainingPart = features.index_select(0, torch.tensor(order[(int)Math.Round(count * validationSplit)..]));
        }
        else
        {
            using var split = DataSplit.Create(new LabelledData(features, data.Targets), validationSplit, 3, "expected");
            trainingPart = split.TrainFeatures.clone();
        }
        return (trainingPart.mean([0]).data<double>().ToArray(), features.mean([0]).data<double>().ToArray());
    }

    private static Func<IrisVae, torch.Tensor, VaeOutputs> VaeOutputsOf(InputScale scale) => (model, x) =>
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
