namespace SciDsl.Samples.Tabular;

/// <summary>A two-hidden-layer perceptron on the ten standardised variables.</summary>
[Model("x: B,10")]
[Linear(32), ReLU]
[Linear(16), ReLU]
[Linear(1)]
public partial class DiabetesMlp;

/// <summary>The linear baseline: one weight per variable and a bias, i.e. least squares fitted by gradient descent.</summary>
[Model("x: B,10")]
[Linear(1)]
public partial class DiabetesLinear;
