// A small training run that CheckpointKillTests start, kill at chosen instants and resume:
//   SciDsl.CheckpointChild <checkpoint> fresh|resume [BeforeRename|AfterRename <epoch>]
// With a stage and epoch it prints "paused <stage> <epoch>" at that point of that epoch's checkpoint commit and
// waits there to be killed. Progress lines go to stdout, so the parent can also kill it mid-training.
using System.Globalization;
using SciDsl;
using SciDsl.Tests.Training;

string checkpoint = args[0];
bool resume = args[1] == "resume";
if (args.Length == 4)
{
    var pauseStage = Enum.Parse<ReplaceStage>(args[2]);
    int pauseEpoch = int.Parse(args[3], CultureInfo.InvariantCulture);
    CheckpointStore.CommitObserver = (stage, epoch) =>
    {
        if (stage != pauseStage || epoch != pauseEpoch) return;
        Console.WriteLine($"paused {stage} {epoch}");
        Thread.Sleep(Timeout.Infinite);
    };
}

var config = new TrainConfig(Loss.MSE, Optim.Adam, LearningRate: 0.01, Epochs: 8, BatchSize: 8, Seed: 5, ValidationSplit: 0.25);
SupervisedTrainer.Run(config, () => new Mlp(3, 16, 1), new LinearData(1200), LinearData.Signature,
    new TrainOptions { CheckpointPath = checkpoint, Resume = resume, Progress = ProgressMode.Plain, Log = Console.Out });
Console.WriteLine("done");
