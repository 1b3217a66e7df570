namespace SciDsl;

/// <summary>Fully connected layer on the last dim of <c>[B, F]</c> or <c>[B, T, F]</c>.</summary>
public sealed class LinearAttribute : LayerAttribute
{
    public LinearAttribute(int outFeatures) => OutFeatures = outFeatures.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A symbolic width, e.g. <c>Linear("H")</c>: <c>H</c> becomes a constructor parameter.</summary>
    public LinearAttribute(string outFeatures) => OutFeatures = outFeatures;

    public string OutFeatures { get; }

    /// <summary>Expected input features; checked against the inferred ones (SD1004).</summary>
    public int In { get; set; }

    public bool Bias { get; set; } = true;
}
