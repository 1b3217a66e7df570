namespace SciDsl.Samples.ExplainTabular;

/// <summary>A small MLP on the 30 standardised breast-cancer features: malignant (0) or benign (1).</summary>
[Model("x: B,30")]
[Linear(32), ReLU]
[Linear(16), ReLU]
[Linear(2)]
public partial class BreastCancerMlp;
