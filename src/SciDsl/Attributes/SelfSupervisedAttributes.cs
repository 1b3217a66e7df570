namespace SciDsl;

/// <summary>What a self-supervised experiment learns from unlabelled samples.</summary>
public enum SelfSupervisedMethod
{
    /// <summary>SimCLR: two augmented views of each sample (the experiment's <c>[Augment]</c>) pulled together by NT-Xent on a projection head.</summary>
    Contrastive,
    /// <summary>Reconstruct the input from the encoder's representation (mean squared error).</summary>
    Autoencoder,
    /// <summary>Reconstruct the clean input from a copy with Gaussian noise of standard deviation <see cref="SelfSupervisedAttribute.NoiseLevel"/>.</summary>
    Denoising,
    /// <summary>Token sequences: replace a fraction of the positions by a mask token and predict the original tokens there.</summary>
    Masked,
}

/// <summary>
/// Trains the experiment's model without labels (instead of <c>[Supervised]</c>): the model returns
/// <c>[Output(Encoder, head)]</c>, the representation and what the method trains on it, e.g.
/// <c>[SelfSupervised(SelfSupervisedMethod.Contrastive, Encoder = "features", ProjectionHead = "proj")]</c> with
/// <c>[Output("features", "proj")]</c> on the model. <c>Run()</c> returns the trained model; its <c>Encoder</c> output
/// is the representation for downstream use (a linear probe, fine-tuning). See docs/paradigms.md.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SelfSupervisedAttribute(SelfSupervisedMethod method) : Attribute
{
    public SelfSupervisedMethod Method { get; } = method;

    /// <summary>The named layer whose output is the learned representation; the model's first output.</summary>
    public string? Encoder { get; set; }

    /// <summary>Contrastive: the named layer whose output NT-Xent compares (the projection head's last layer); the model's second output.</summary>
    public string? ProjectionHead { get; set; }

    /// <summary>Autoencoder and denoising: the named layer that reconstructs the input (same shape as the input); the model's second output.</summary>
    public string? Decoder { get; set; }

    /// <summary>Masked: the named layer giving per-position token logits [B, T, vocabulary]; the model's second output.</summary>
    public string? Predictor { get; set; }

    /// <summary>Contrastive: NT-Xent's softmax temperature, in (0, 10].</summary>
    public double Temperature { get; set; } = 0.5;

    /// <summary>Denoising: the standard deviation of the added Gaussian noise, in (0, 10].</summary>
    public double NoiseLevel { get; set; } = 0.3;

    /// <summary>Masked: the share of positions masked per sequence, in (0, 1).</summary>
    public double MaskFraction { get; set; } = 0.15;

    /// <summary>Masked: the token id that replaces masked positions (reserve it in the vocabulary).</summary>
    public int MaskToken { get; set; }
}
