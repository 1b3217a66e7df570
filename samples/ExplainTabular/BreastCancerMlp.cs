namespace SciDsl.Samples.ExplainTabular;

/// <summary>
/// A small MLP on the 30 standardised breast-cancer features: malignant (0) or benign (1), with its Integrated Gradients
/// and feature ablation generated as <c>model.IntegratedGradients(x, target)</c> and <c>model.FeatureAblation(x, target)</c>.
/// </summary>
[Model("x: B,30")]
[Linear(32), ReLU]
[Linear(16), ReLU]
[Linear(2)]
[Explain(Attribution.IntegratedGradients), Explain(Attribution.FeatureAblation)]
public partial class BreastCancerMlp;
