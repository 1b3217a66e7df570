namespace SciDsl.Interpretability;

/// <summary>How well a linear read-out recovers a quantity from activations, on the data it was fitted to and on held-out data.</summary>
/// <param name="Train">Score on the training split (accuracy for a classifier, R² for a regression).</param>
/// <param name="Test">Score on the held-out split; the number to report, since a wide layer can fit noise on its training split.</param>
public sealed record ProbeResult(double Train, double Test);
