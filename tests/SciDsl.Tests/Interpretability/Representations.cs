using TorchSharp;
using static TorchSharp.torch;

namespace SciDsl.Tests.Interpretability;

/// <summary>Random activation matrices with known relations, for the similarity and probe tests.</summary>
internal static class Representations
{
    public static Tensor Gaussian(long samples, long features) => randn(samples, features, ScalarType.Float64);

    /// <summary>A random orthogonal matrix: the Q of a Gaussian matrix's QR decomposition.</summary>
    public static Tensor RandomRotation(long size) => linalg.qr(Gaussian(size, size)).Q;

    /// <summary>A nonlinear function of <paramref name="x"/>, related to it but not a rotation of it.</summary>
    public static Tensor Related(Tensor x, long features) => tanh(x.mm(Gaussian(x.shape[1], features)) / Math.Sqrt(x.shape[1]));
}
