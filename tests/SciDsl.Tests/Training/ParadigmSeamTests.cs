using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static SciDsl.Tests.Training.TrainingAssertions;

namespace SciDsl.Tests.Training;

/// <summary>
/// The seam later paradigms plug into: a paradigm with two modules (a student and its EMA teacher) and its own state,
/// driven by <see cref="EpochLoop{TBatch}"/>, checkpoints and resumes all of it.
/// </summary>
public sealed class ParadigmSeamTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Resume_restores_every_module_every_optimizer_and_the_paradigm_state_bit_identically()
    {
        var straight = Train(temp.File("straight.ckpt"), epochs: 4, resume: false);
        string path = temp.File("resumed.ckpt");
        Train(path, epochs: 2, resume: false);
        var resumed = Train(path, epochs: 4, resume: true);

        Assert.Equal(Weights(straight.Student), Weights(resumed.Student));
        Assert.Equal(Weights(straight.Teacher), Weights(resumed.Teacher));
        // The teacher lags the student, so a teacher restored from the student's weights would be caught.
        Assert.NotEqual(Weights(straight.Student), Weights(straight.Teacher));
        Assert.Equal(straight.Steps, resumed.Steps);
        Assert.Equal(4 * 8, resumed.Steps);
    }

    [Fact]
    public void Checkpoint_LoadWeights_reads_the_first_module_of_a_multi_module_checkpoint()
    {
        string path = temp.File("two.ckpt");
        var trained = Train(path, epochs: 1, resume: false);

        var reloaded = new Mlp(4, 8, 3);
        Checkpoint.LoadWeights(reloaded, path);

        Assert.Equal(Weights(trained.Student), Weights(reloaded));
    }

    [Fact]
    public void A_checkpoint_of_another_paradigm_with_more_modules_is_refused()
    {
        string path = temp.File("teacher.ckpt");
        Train(path, epochs: 1, resume: false);

        var error = Assert.Throws<CheckpointException>(() => SupervisedTrainer.Run(
            new TrainConfig(Loss.CrossEntropy, Optim.Adam, Epochs: 2), () => new Mlp(4, 8, 3), new IrisData(), IrisData.Signature,
            Quiet(path, resume: true)));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("holds the weights of 2 modules, but this run trains 1", error.Message);
    }

    private static MeanTeacher Train(string path, int epochs, bool resume)
    {
        torch.manual_seed(5);
        var student = new Mlp(4, 8, 3);
        var teacher = new Mlp(4, 8, 3);
        teacher.load_state_dict(student.state_dict());
        using var split = DataSplit.Create(new IrisData().Load(), 0, seed: 5, "Iris");
        using var optimizer = torch.optim.Adam(student.parameters(), 0.01);
        var paradigm = new MeanTeacher(split, student, teacher, optimizer);
        using var store = CheckpointStore.Open(path);
        var loop = new EpochLoop<long[]>(paradigm, new TrainConfig(Loss.CrossEntropy, Optim.Adam, Epochs: epochs, Seed: 5, ValidationSplit: 0), Quiet(path, epochs, resume), "Mlp", store);
        ProgressDisplay.Run(Quiet(path), loop.Run);
        return paradigm;
    }

    /// <summary>A student trained on labels and a teacher that follows it by an exponential moving average.</summary>
    private sealed class MeanTeacher(DataSplit split, Mlp student, Mlp teacher, OptimizerHelper optimizer) : ITrainingParadigm<long[]>
    {
        private const int BatchSize = 20;

        public Mlp Student => student;
        public Mlp Teacher => teacher;
        public int Steps { get; private set; }

        public IReadOnlyList<torch.nn.Module> Modules { get; } = [student, teacher];
        public IReadOnlyList<OptimizerHelper> Optimizers { get; } = [optimizer];
        public int TrainBatchCount => split.TrainBatchCount(BatchSize);

        public void StartEpoch(int epoch) => student.train();

        public IEnumerable<long[]> TrainBatches(int epoch) => split.TrainBatches(epoch, BatchSize);

        public BatchResult TrainStep(long[] batch, TrainingStep step)
        {
            var index = torch.tensor(batch);
            var loss = torch.nn.functional.cross_entropy(
                student.forward(split.TrainFeatures.index_select(0, index)), split.TrainTargets.index_select(0, index));
            double value = step.Minimise(optimizer, loss, student.parameters());
            using (torch.no_grad())
                foreach (var (t, s) in teacher.parameters().Zip(student.parameters())) t.mul_(0.9).add_(s, alpha: 0.1);
            Steps++;
            return new BatchResult(value, batch.Length);
        }

        public Evaluation? Validate() => null;

        public JsonElement? SaveState() => JsonSerializer.SerializeToElement(Steps);

        public void RestoreState(JsonElement? state) => Steps = state?.GetInt32() ?? 0;
    }
}
