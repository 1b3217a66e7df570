namespace SciDsl;

/// <summary>
/// A VAE's sampling step: <c>[Reparameterize(From = "mu,logvar")]</c> gives <c>mu + exp(½·logvar) · ε</c>,
/// ε ~ N(0, 1), in training and <c>mu</c> in eval (and in the ONNX export). mu and logvar have equal shapes.
/// </summary>
public sealed class ReparameterizeAttribute : LayerAttribute;
