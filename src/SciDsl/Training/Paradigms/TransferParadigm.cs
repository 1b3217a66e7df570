using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>
/// Fine-tuning: supervised training whose frozen layers run in evaluation mode, so their BatchNorm running statistics
/// stay the pretrained ones and frozen weights and buffers end bit-identical. The frozen parameters themselves are kept
/// out of the optimizer and get no gradient (<see cref="TransferTrainer"/> sets that up).
/// </summary>
internal sealed class TransferParadigm(SupervisedParadigm supervised, torch.nn.Module model, IReadOnlyList<string> frozen) : ITrainingParadigm<long[]>
{
    public IReadOnlyList<torch.nn.Module> Modules => supervised.Modules;
    public IReadOnlyList<OptimizerHelper> Optimizers => supervised.Optimizers;
    public int TrainBatchCount => supervised.TrainBatchCount;

    public void StartEpoch(int epoch)
    {
        supervised.StartEpoch(epoch);
        foreach (var (name, module) in model.named_modules())
            if (LayerNames.Covers(frozen, name)) module.eval();
    }

    public IEnumerable<long[]> TrainBatches(int epoch) => supervised.TrainBatches(epoch);

    public BatchResult TrainStep(long[] batch, TrainingStep step) => supervised.TrainStep(batch, step);

    public Evaluation? Validate() => supervised.Validate();

    public JsonElement? SaveState() => supervised.SaveState();

    public void RestoreState(JsonElement? state) => supervised.RestoreState(state);
}
