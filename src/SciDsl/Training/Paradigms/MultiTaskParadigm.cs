using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>
/// Several tasks on one model: each step sums the tasks' losses on their outputs, weighted; validation scores each task
/// with the metrics of its loss. Batches are those of supervised training, so a run with one task is supervised training.
/// </summary>
internal sealed class MultiTaskParadigm<TModel>(
    TrainConfig config,
    TModel model,
    Func<TModel, torch.Tensor, torch.Tensor[]> outputs,
    string modelName,
    string source,
    DataSplit split,
    IReadOnlyList<TrainingTask> tasks,
    OptimizerHelper optimizer) : ITrainingParadigm<long[]>
    where TModel : torch.nn.Module
{
    private bool outputsChecked;

    public IReadOnlyList<torch.nn.Module> Modules { get; } = [model];
    public IReadOnlyList<OptimizerHelper> Optimizers { get; } = [optimizer];
    public int TrainBatchCount => split.TrainBatchCount(config.BatchSize);

    public void StartEpoch(int epoch) => model.train();

    public IEnumerable<long[]> TrainBatches(int epoch) => split.TrainBatches(epoch, config.BatchSize);

    public BatchResult TrainStep(long[] batch, TrainingStep step)
    {
        var heads = Forward(DataSplit.Rows(split.TrainFeatures, batch));
        var targets = DataSplit.Rows(split.TrainTargets, batch);
        var loss = tasks.Select((task, i) => task.Weight * LossOf(task, heads[i], targets)).Aggregate((sum, next) => sum + next);
        return new BatchResult(step.Minimise(optimizer, loss, model.parameters()), batch.Length);
    }

    public Evaluation? Validate()
    {
        if (split.ValidationFeatures is not { } features || split.ValidationTargets is not { } targets) return null;
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        long count = features.shape[0];
        var perTask = tasks.Select(_ => new List<torch.Tensor>()).ToArray();
        for (long start = 0; start < count; start += config.BatchSize)
        {
            var heads = Forward(features.narrow(0, start, Math.Min(config.BatchSize, count - start)));
            for (int i = 0; i < tasks.Count; i++) perTask[i].Add(heads[i]);
        }
        var metrics = new Dictionary<string, double>();
        double loss = 0;
        for (int i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            var output = torch.cat(perTask[i], 0);
            double taskLoss = LossOf(task, output, targets).item<float>();
            loss += task.Weight * taskLoss;
            // Metrics are computed on the CPU, whatever device the model runs on (a no-op there).
            var evaluation = SupervisedMetrics.Evaluate(task.Loss, taskLoss, output.cpu(), TaskTargets(task, targets).cpu(), (int)output.shape[1]);
            metrics[$"{task.Name}_loss"] = taskLoss;
            foreach (var (name, value) in evaluation.Metrics) metrics[$"{task.Name}_{name}"] = value;
        }
        return new Evaluation(loss, metrics);
    }

    public JsonElement? SaveState() => null;

    public void RestoreState(JsonElement? state)
    {
    }

    private torch.Tensor[] Forward(torch.Tensor inputs)
    {
        var heads = outputs(model, inputs);
        if (!outputsChecked) CheckOutputs(heads);
        outputsChecked = true;
        return heads;
    }

    /// <summary>A clear message instead of a libtorch error inside a loss when a head does not fit its task.</summary>
    private void CheckOutputs(torch.Tensor[] heads)
    {
        if (heads.Length != tasks.Count)
            throw new InvalidOperationException($"{modelName} gave {heads.Length} outputs for {tasks.Count} tasks; give one output per task.");
        for (int i = 0; i < tasks.Count; i++)
        {
            var (task, head) = (tasks[i], heads[i]);
            bool fits = head.dim() == 2 && (task.Loss == Loss.CrossEntropy ? head.shape[1] >= 2 : head.shape[1] == task.ColumnCount);
            if (!fits)
                throw new InvalidOperationException(
                    $"{modelName}'s output '{task.Name}' is [{string.Join(", ", head.shape)}] per batch, but task '{task.Name}' needs " +
                    (task.Loss == Loss.CrossEntropy ? "[B, classes] logits (at least 2 classes)." : $"[B, {task.ColumnCount}] for its {task.ColumnCount} target column(s)."));
            if (task.Loss == Loss.CrossEntropy) CheckClassColumn(task, head.shape[1]);
        }
    }

    private void CheckClassColumn(TrainingTask task, long classes)
    {
        var targets = split.ValidationTargets is { } validation ? torch.cat([split.TrainTargets, validation], 0) : split.TrainTargets;
        var column = targets.select(1, task.FirstColumn);
        bool whole = column.eq(column.round()).all().item<bool>();
        if (!whole || column.min().item<float>() < 0 || column.max().item<float>() >= classes)
            throw new InvalidOperationException(
                $"Task '{task.Name}' reads class indices from {source}'s target column {task.FirstColumn}, but it holds values from {column.min().item<float>()} to {column.max().item<float>()}; " +
                $"the output '{task.Name}' has {classes} classes, so the column must hold whole numbers 0 to {classes - 1}.");
    }

    private static torch.Tensor TaskTargets(TrainingTask task, torch.Tensor targets) => task.Loss == Loss.CrossEntropy
        ? targets.select(1, task.FirstColumn).to_type(torch.int64)
        : targets.narrow(1, task.FirstColumn, task.ColumnCount);

    private static torch.Tensor LossOf(TrainingTask task, torch.Tensor output, torch.Tensor targets)
    {
        var wanted = TaskTargets(task, targets);
        return task.Loss switch
        {
            Loss.CrossEntropy => torch.nn.functional.cross_entropy(output, wanted),
            Loss.L1 => torch.nn.functional.l1_loss(output, wanted),
            Loss.Huber => torch.nn.functional.huber_loss(output, wanted),
            _ => torch.nn.functional.mse_loss(output, wanted),
        };
    }
}
