using SciDsl.Interpretability;
using TorchSharp;
using static TorchSharp.torch;
using static SciDsl.Tests.Interpretability.Representations;

namespace SciDsl.Tests.Interpretability;

/// <summary>Linear CKA and its unbiased and minibatch estimators against the properties that define CKA.</summary>
public sealed class LinearCkaTests
{
    [Fact]
    public void A_representation_compared_with_itself_scores_one()
    {
        torch.manual_seed(1);
        using var scope = NewDisposeScope();
        var x = Gaussian(300, 20);

        Assert.Equal(1, LinearCka.Compute(x, x), 1e-6);
        Assert.Equal(1, LinearCka.Unbiased(x, x), 1e-6);
    }

    [Fact]
    public void Cka_is_invariant_to_an_orthogonal_transform_isotropic_scaling_and_shift_of_either_side()
    {
        torch.manual_seed(2);
        using var scope = NewDisposeScope();
        var x = Gaussian(400, 16);
        var y = Related(x, 12);
        var transformed = 3.7 * y.mm(RandomRotation(12)) + 5;

        double original = LinearCka.Compute(x, y);
        Assert.InRange(original, 0.2, 0.95); // related but not equivalent, so invariance is not trivially 1 = 1
        Assert.Equal(original, LinearCka.Compute(x, transformed), 1e-9);
        Assert.Equal(LinearCka.Unbiased(x, y), LinearCka.Unbiased(x, transformed), 1e-9);
        Assert.Equal(1, LinearCka.Compute(y, transformed), 1e-6);
    }

    [Fact]
    public void Matches_a_value_worked_out_by_hand()
    {
        // Rows minus column means: X → [1,0], [0,1], [-1,0], [0,-1]; Y → [1,0], [0,2], [-1,0], [0,-2].
        // XᵀX = diag(2, 2), ||XᵀX||_F = √8; YᵀY = diag(2, 8), ||YᵀY||_F = √68; YᵀX = diag(2, 4), ||YᵀX||_F² = 20.
        // CKA = 20 / (√8 · √68) = 10 / √136 ≈ 0.857493.
        using var scope = NewDisposeScope();
        var x = tensor(new double[,] { { 4, -1 }, { 3, 0 }, { 2, -1 }, { 3, -2 } });
        var y = tensor(new double[,] { { 2, 5 }, { 1, 7 }, { 0, 5 }, { 1, 3 } });

        Assert.Equal(10 / Math.Sqrt(136), LinearCka.Compute(x, y), 1e-12);
    }

    [Fact]
    public void Independent_representations_score_near_zero_with_the_unbiased_estimator()
    {
        torch.manual_seed(3);
        using var scope = NewDisposeScope();
        var x = Gaussian(2000, 256);
        var y = Gaussian(2000, 256);

        double unbiased = LinearCka.Unbiased(x, y);
        Assert.InRange(unbiased, -0.1, 0.1);
        // The plain estimator is biased upwards, by about p / (n + p) ≈ 0.11 here: the reason the unbiased one exists.
        Assert.InRange(LinearCka.Compute(x, y), 0.08, 0.14);
    }

    [Fact]
    public void Per_sample_layouts_are_flattened_and_precision_does_not_matter()
    {
        torch.manual_seed(4);
        using var scope = NewDisposeScope();
        var maps = randn(50, 2, 3, 4);
        var y = Related(maps.reshape(50, 24).to_type(ScalarType.Float64), 7);

        Assert.Equal(LinearCka.Compute(maps.reshape(50, 24), y), LinearCka.Compute(maps, y), 1e-12);
        Assert.Equal(LinearCka.Compute(maps.to_type(ScalarType.Float64), y), LinearCka.Compute(maps, y), 1e-12);
    }

    [Fact]
    public void The_minibatch_estimator_on_one_batch_is_the_full_unbiased_estimate_and_on_many_agrees_with_it()
    {
        torch.manual_seed(5);
        using var scope = NewDisposeScope();
        var x = Gaussian(4000, 32);
        var y = Related(x, 24) + 0.5 * Gaussian(4000, 24);
        double full = LinearCka.Unbiased(x, y);

        var single = new MinibatchCka();
        single.Add(x, y);
        Assert.Equal(full, single.Value, 1e-10);

        var batched = new MinibatchCka();
        for (long start = 0; start < 4000; start += 500)
            batched.Add(x.narrow(0, start, 500), y.narrow(0, start, 500));
        Assert.Equal(8, batched.Batches);
        Assert.InRange(full, 0.3, 0.9);
        Assert.Equal(full, batched.Value, 0.02);
    }

    [Fact]
    public void Shape_errors_name_both_shapes()
    {
        using var scope = NewDisposeScope();
        ShapeErrors.Naming(() => LinearCka.Compute(zeros(10, 3), zeros(9, 5)), "[10, 3]", "[9, 5]");
        var tooFew = ShapeErrors.Naming(() => LinearCka.Unbiased(randn(3, 2), randn(3, 4)), "[3, 2]", "[3, 4]");
        Assert.Contains("at least 4 samples", tooFew.Message);
        ShapeErrors.Naming(() => LinearCka.Compute(zeros(10), zeros(10, 2)), "[10]");
        var constant = ShapeErrors.Naming(() => LinearCka.Compute(ones(10, 3), randn(10, 2)), "[10, 3]", "[10, 2]");
        Assert.Contains("does not vary", constant.Message);

        var batches = new MinibatchCka();
        batches.Add(randn(8, 3), randn(8, 2));
        ShapeErrors.Naming(() => { batches.Add(randn(8, 4), randn(8, 2)); return batches; }, "[8, 4]");
        Assert.Throws<InvalidOperationException>(() => new MinibatchCka().Value);
    }
}
