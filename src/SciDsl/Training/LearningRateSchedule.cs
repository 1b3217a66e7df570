namespace SciDsl;

/// <summary>
/// The learning rate of every optimizer step as a factor of the configured rate. It depends only on the global step,
/// so a resumed run continues the schedule exactly. Warm-up rises linearly, reaching the full rate at the end of
/// <see cref="TrainConfig.WarmupEpochs"/> (OneCycle starts from 1/25 of it and warms up 30 % of the steps by default).
/// </summary>
internal sealed class LearningRateSchedule(LrSchedule schedule, int epochs, int stepsPerEpoch, int warmupEpochs, int stepEpochs, double gamma)
{
    private const double OneCycleStart = 1.0 / 25;
    private readonly long totalSteps = (long)epochs * stepsPerEpoch;

    private long WarmupSteps => schedule == LrSchedule.OneCycle && warmupEpochs == 0
        ? (long)Math.Round(0.3 * totalSteps)
        : Math.Min((long)warmupEpochs * stepsPerEpoch, totalSteps);

    public static LearningRateSchedule For(TrainConfig config, int epochs, int stepsPerEpoch) =>
        new(config.Schedule, epochs, stepsPerEpoch, config.WarmupEpochs, config.StepEpochs, config.Gamma);

    /// <param name="step">0-based over the whole run: (epoch − 1) · steps per epoch + batch − 1.</param>
    public double Factor(long step)
    {
        long warmup = WarmupSteps;
        if (step < warmup)
            return schedule == LrSchedule.OneCycle
                ? OneCycleStart + (1 - OneCycleStart) * step / warmup
                : (double)(step + 1) / warmup;
        return schedule switch
        {
            LrSchedule.Step => Math.Pow(gamma, step / stepsPerEpoch / stepEpochs),
            LrSchedule.Cosine or LrSchedule.OneCycle => 0.5 * (1 + Math.Cos(Math.PI * (step - warmup) / (totalSteps - warmup))),
            _ => 1,
        };
    }
}
