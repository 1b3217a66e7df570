namespace SciDsl.Samples;

/// <summary>
/// The draws the synthetic data sets need, from a seeded <see cref="Random"/> only, so the same seed gives the same
/// data on every machine and .NET version.
/// </summary>
internal static class RandomDraws
{
    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static double NextUniform(this Random random, double low, double high) => low + (high - low) * random.NextDouble();

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double NextGaussian(this Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
