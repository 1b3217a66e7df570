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
                // A bar explicitly sent to a writer is rendered as on a terminal (ANSI), since that is what was asked for.
                IAnsiConsole console = options.Log is null
                    ? AnsiConsole.Console
                    : AnsiConsole.Create(new AnsiConsoleSettings { Interactive = InteractionSupport.Yes, Ansi = AnsiSupport.Yes, Out = new AnsiConsoleOutput(options.Log) });
                return console.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 20 }, new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(context => training(new BarProgress(console, context)));
        }
    }

    // Spectre renders nothing live on a non-interactive console, so a requested bar falls back to plain lines there.
    private static bool CanShowLiveBar => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    private static ProgressMode Resolve(TrainOptions options) => options.Progress switch
    {
        ProgressMode.Auto or ProgressMode.Bar when options.Log is null && !CanShowLiveBar => ProgressMode.Plain,
        ProgressMode.Auto when options.Log is not null => ProgressMode.Plain,
        ProgressMode.Auto => ProgressMode.Bar,
        var mode => mode,
    };
}
