namespace SciDsl.Samples.Digits;

/// <summary>The Digits sample's CNN joins the parity table.</summary>
public partial class DigitCnn : SciDsl.Tests.Layers.IGeneratedModel;
