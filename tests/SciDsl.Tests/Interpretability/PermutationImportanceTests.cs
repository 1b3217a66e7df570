using SciDsl.Interpretability;
using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>Permutation importance ranks features by how much the model relies on them, and ignores the rest exactly.</summary>
public sealed class PermutationImportanceTests
{
    [Fact]
    public void A_strongly_used_feature_outranks_a_weakly_used_one_and_an_ignored_feature_scores_exactly_zero()
    {
        using var scope = NewDisposeScope();
        // Class 1 when 4·x0 + x1 + 0·x2 > 0: x0 decides most rows, x1 a few, x2 none.
        var model = nn.Linear(3, 2);
        using (no_grad())
        {
            model.weight!.copy_(tensor(new float[,] { { 0, 0, 0 }, { 4, 1, 0 } }));
            model.bias!.zero_();
        }
        model.train();
        var x = randn(400, 3, generator: new Generator(21));
        Tensor labels;
        using (no_grad())
            labels = model.forward(x).argmax(1);
        var weightsBefore = model.weight!.clone();

        var result = PermutationImportance.Compute(model, x, labels, repeats: 4, seed: 3);

        Assert.Equal(1.0, result.BaselineScore);
        Assert.Equal(0.0, result.Importances[2]);
        Assert.Equal(0.0, result.StandardDeviations[2]);
        Assert.True(result.Importances[0] > 0.3, $"importance of x0 {result.Importances[0]}");
        Assert.True(result.Importances[1] > 0 && result.Importances[1] < result.Importances[0] / 2,
            $"importance of x1 {result.Importances[1]}, of x0 {result.Importances[0]}");
        Assert.Equal(result.Importances, PermutationImportance.Compute(model, x, labels, repeats: 4, seed: 3).Importances);
        Assert.True(model.training, "the model's training mode is restored");
        Assert.True(model.weight!.allclose(weightsBefore, rtol: 0, atol: 0), "the weights are unchanged");
    }

    [Fact]
    public void A_custom_score_is_used_and_bad_input_names_the_shapes()
    {
        using var scope = NewDisposeScope();
        var model = nn.Linear(2, 2);
        var x = randn(10, 2, generator: new Generator(22));
        var labels = zeros(10, dtype: int64);
        // A score that ignores the output: nothing the permutation does can change it.
        var constant = PermutationImportance.Compute(model, x, labels, score: (_, _) => 0.5);
        Assert.Equal(0.5, constant.BaselineScore);
        Assert.All(constant.Importances, importance => Assert.Equal(0.0, importance));

        ShapeErrors.Naming(() => PermutationImportance.Compute(model, x, zeros(9, dtype: int64)), "[9]", "[10, 2]");
        ShapeErrors.Naming(() => PermutationImportance.Compute(nn.Flatten(), randn(4, 2, 2), zeros(4, dtype: int64)), "[4, 2, 2]");
        Assert.Throws<ArgumentOutOfRangeException>(() => PermutationImportance.Compute(model, x, labels, repeats: 0));
    }
}
