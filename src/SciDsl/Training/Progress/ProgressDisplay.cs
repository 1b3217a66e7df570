using Spectre.Console;

namespace SciDsl;

/// <summary>Picks the reporter for <see cref="TrainOptions.Progress"/> and runs training inside it.</summary>
internal static class ProgressDisplay
{
    public static T Run<T>(TrainOptions options, Func<ITrainingProgress, T> training)
    {
        switch (Resolve(options))
        {
            case ProgressMode.None:
                return training(new SilentProgress());
            case ProgressMode.Plain:
                return training(new PlainProgress(options.Log ?? Console.Out));
            default:
                // Spectre's live display owns the console while the callback runs, so training runs inside it.
                IAnsiConsole console = options.Log is null
                    ? AnsiConsole.Console
                    : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(options.Log) });
                return console.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(context => training(new BarProgress(console, context)));
        }
    }

    private static ProgressMode Resolve(TrainOptions options) => options.Progress switch
    {
        ProgressMode.Auto when options.Log is null && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive => ProgressMode.Bar,
        ProgressMode.Auto => ProgressMode.Plain,
        var mode => mode,
    };
}
