using TorchSharp;

namespace SciDsl;

/// <summary>What a trained model says about some raw samples.</summary>
/// <param name="Outputs">The model's outputs <c>[N, …]</c> (logits for a classifier, values for a regression).</param>
/// <param name="Classes">Each sample's most likely class name; null when the training data had no class names.</param>
public sealed record Prediction(torch.Tensor Outputs, IReadOnlyList<string>? Classes);

/// <summary>Static entry points that infer the model type.</summary>
public static class Predictor
{
    /// <inheritdoc cref="Predictor{TModel}.Load"/>
    public static Predictor<TModel> Load<TModel>(Func<TModel> createModel, string checkpointPath)
        where TModel : torch.nn.Module<torch.Tensor, torch.Tensor> =>
        Predictor<TModel>.Load(createModel, checkpointPath);

    /// <summary>Predicts with a training run's returned model, its normalisation and class names.</summary>
    public static Predictor<TModel> From<TModel>(TrainingResult<TModel> result)
        where TModel : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        ArgumentNullException.ThrowIfNull(result);
        return new Predictor<TModel>(result.Model, new DataPreparation(result.Normalization, result.Classes));
    }
}

/// <summary>
/// A trained model with what it needs to take raw inputs: the normalisation fitted on its training split and the class
/// names (<see cref="DataPreparation"/>), applied the same way in the training process and after reloading.
/// </summary>
public sealed class Predictor<TModel>
    where TModel : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    internal Predictor(TModel model, DataPreparation preparation)
    {
        Model = model;
        Preparation = preparation;
    }

    public TModel Model { get; }

    /// <summary>The normalisation and class names applied to inputs and outputs.</summary>
    public DataPreparation Preparation { get; }

    /// <summary>
    /// Rebuilds a trained model from its checkpoint: the weights <c>Run</c> returned (the best epoch's,
    /// <c>&lt;name&gt;.best.ckpt</c>, when training had validation; otherwise the checkpoint's) and the sidecar
    /// <c>&lt;checkpoint&gt;.data.json</c> (<see cref="DataPreparation.PathBeside"/>) that every trainer writes.
    /// </summary>
    /// <param name="createModel">Builds an untrained model of the trained one's sizes, e.g. <c>() =&gt; new Mlp()</c>.</param>
    /// <exception cref="CheckpointException">The checkpoint or best-weights file is missing, damaged, or holds weights that do not fit the model.</exception>
    /// <exception cref="FileNotFoundException">The sidecar is missing.</exception>
    /// <exception cref="DataFormatException">The sidecar is not a valid data preparation file.</exception>
    public static Predictor<TModel> Load(Func<TModel> createModel, string checkpointPath)
    {
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(checkpointPath);
        string fullPath = Path.GetFullPath(checkpointPath);
        var model = createModel();
        // Weights first: a missing or foreign checkpoint is the clearer error.
        CheckpointStore.LoadWeights(model, fullPath);
        string best = CheckpointStore.BestWeightsPathOf(fullPath);
        if (File.Exists(best)) LoadBestWeights(model, best);
        string sidecar = DataPreparation.PathBeside(fullPath);
        if (!File.Exists(sidecar))
            throw new FileNotFoundException(
                $"'{sidecar}' is missing: training writes it beside the checkpoint with the normalisation and class names " +
                "the model needs to take raw inputs; copy it together with the checkpoint.", sidecar);
        return new Predictor<TModel>(model, DataPreparation.Load(sidecar));
    }

    private static void LoadBestWeights(TModel model, string path)
    {
        try
        {
            model.load(path);
        }
        catch (Exception e)
        {
            throw new CheckpointException(path, $"its best weights do not fit {typeof(TModel).Name} or the file is damaged ({e.Message}).", e);
        }
    }

    /// <summary>
    /// The model's outputs for raw samples <c>[N, …]</c> (as loaded, before normalisation), in evaluation mode without
    /// gradients on the model's device, returned on the CPU, with each sample's class name when the model classifies named classes.
    /// </summary>
    /// <exception cref="ArgumentException">The samples' shape does not fit the normalisation's statistics.</exception>
    public Prediction Predict(torch.Tensor rawInputs)
    {
        ArgumentNullException.ThrowIfNull(rawInputs);
        using var noGrad = torch.no_grad();
        bool wasTraining = Model.training;
        Model.eval();
        try
        {
            torch.Tensor outputs;
            using (var scope = torch.NewDisposeScope())
            {
                var inputs = Preparation.Normalization?.ApplyToFeatures(rawInputs) ?? rawInputs;
                // In on the model's device (a CUDA-trained result's model stays there), out on the CPU.
                outputs = Model.forward(inputs.to(ComputeDevices.Of(Model))).cpu().MoveToOuterDisposeScope();
            }
            return new Prediction(outputs, Preparation.Classes is { } classes ? ClassNames(outputs, classes) : null);
        }
        finally
        {
            Model.train(wasTraining);
        }
    }

    private static string[] ClassNames(torch.Tensor outputs, ClassLabels classes)
    {
        if (outputs.dim() != 2 || outputs.shape[1] != classes.Count)
            throw new InvalidOperationException(
                $"The model's outputs have shape [{string.Join(", ", outputs.shape)}], not [N, {classes.Count}] for the {classes.Count} saved class names.");
        using var indices = outputs.argmax(1);
        return indices.data<long>().Select(classes.NameOf).ToArray();
    }
}
