using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>
/// Transfer learning: builds the model, loads pretrained weights into it (checked name by name and shape by shape),
/// freezes and replaces the declared layers, and fine-tunes it on labelled data with per-layer learning rates;
/// what a generated <c>[TransferLearning]</c> experiment's <c>Run</c> calls.
/// </summary>
public static class TransferTrainer
{
    /// <summary>
    /// As <see cref="SupervisedTrainer.Run{TModel}"/>, starting from <see cref="TransferSettings.Weights"/>. A
    /// <see cref="TrainOptions.Resume"/>d run loads the pretrained weights, then the checkpoint's over them.
    /// </summary>
    /// <exception cref="PretrainedWeightsException">The weights cannot be read or do not fit the model (every mismatch listed).</exception>
    /// <exception cref="ArgumentException">A frozen, replaced or rated layer is no layer of the model, or a rate cannot work; or as <see cref="SupervisedTrainer.Run{TModel}"/>.</exception>
    public static TrainingResult<TModel> Run<TModel>(
        TrainConfig config, Func<TModel> createModel, IDataSource data, DatasetSignature signature, TransferSettings transfer,
        TrainOptions? options = null, string? experimentName = null)
        where TModel : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(transfer);
        options ??= new TrainOptions();
        config.Validate();
        options.Validate();
        SupervisedTrainer.CheckLossFitsTarget(config, signature);
        var device = ComputeDevices.Resolve(config.Device, options.Device);

        var clock = Stopwatch.StartNew();
        string modelName = typeof(TModel).Name;
        string source = data.GetType().Name;
        // Seed before the model exists so a replaced head's fresh weights are reproducible.
        torch.manual_seed(config.Seed);
        TModel model = createModel();
        transfer.Validate(model.state_dict().Keys, modelName);
        using (var weights = transfer.Weights()) weights.LoadInto(model, transfer.NameMap, transfer.ReplaceHead);
        // Moved before the optimizer takes its parameters, which must be the device's.
        model.to(device);

        using var store = CheckpointStore.OpenForRun(options, experimentName, modelName);
        LabelledData loaded = signature.Check(data.Load(), source);
        using var split = TrainingData.Split(loaded, config, source, device, out var normalization);
        TrainingData.SaveBeside(store, normalization, loaded.Classes, options.Resume);
        using var optimizer = CreateOptimizer(config, model, transfer);
        var supervised = new SupervisedParadigm(config, model, modelName, source, signature, split, optimizer);
        var paradigm = new TransferParadigm(supervised, model, transfer.Freeze);
        var result = new EpochLoop<long[]>(paradigm, config, options, modelName, store).Train(model, clock, loaded.Classes);
        return result with { Normalization = normalization };
    }

    /// <summary>
    /// Turns off the gradients of frozen parameters and gives the optimizer the others in one parameter group per
    /// learning-rate multiplier (in model order), so the schedule scales every group alike and the ratios hold.
    /// </summary>
    internal static OptimizerHelper CreateOptimizer(TrainConfig config, torch.nn.Module model, TransferSettings transfer)
    {
        var groups = new List<(double Rate, List<Parameter> Parameters)>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (LayerNames.Covers(transfer.Freeze, name))
            {
                parameter.requires_grad = false;
                continue;
            }
            double rate = config.LearningRate * transfer.RateOf(name);
            var group = groups.FirstOrDefault(g => g.Rate == rate);
            if (group.Parameters is null) groups.Add(group = (rate, []));
            group.Parameters.Add(parameter);
        }
        return config.Optimizer switch
        {
            Optim.Adam => torch.optim.Adam(groups.Select(g => new Adam.ParamGroup(g.Parameters, g.Rate, beta1: 0.9, beta2: 0.999, weight_decay: config.WeightDecay)), config.LearningRate),
            Optim.SGD => torch.optim.SGD(groups.Select(g => new SGD.ParamGroup(g.Parameters, g.Rate, momentum: config.Momentum, weight_decay: config.WeightDecay)), config.LearningRate),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Optimizer, "Unknown optimizer."),
        };
    }
}
