namespace SciDsl.Tests.Models;

/// <summary>A symbolic hidden width: <c>H</c> becomes a constructor parameter.</summary>
[Model("x: B,16")]
[Linear("H"), ReLU]
[Linear(3)]
public partial class Mlp;

[Model("x: B,4; y: B,4")]
[Linear(3, From = "x")]
public partial class TwoInputModel;
