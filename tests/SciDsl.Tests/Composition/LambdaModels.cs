using SciDsl.Tests.Layers;
using static TorchSharp.torch;

namespace SciDsl.Tests.Composition;

/// <summary>
/// Lambdas between layers: an instance method appending the time-reversed features as channels (torch.cat), and a
/// static one halving them.
/// </summary>
[Model("x: B,3,T")]
[Conv1d(4, Kernel = 3, Padding = 1), ReLU]
[Lambda(nameof(Mirror), "B,8,T", Name = "mirror")]
[Lambda(nameof(Halve), "B,8,T")]
[GlobalAvgPool, Linear(2)]
public partial class MirrorNet : IGeneratedModel
{
    /// <summary>How many times <see cref="Mirror"/> ran: the lambda is really called by forward.</summary>
    public int MirrorCalls { get; private set; }

    private Tensor Mirror(Tensor x)
    {
        MirrorCalls++;
        return cat([x, x.flip(2)], 1);
    }

    private static Tensor Halve(Tensor x) => x / 2;
}

/// <summary>A lambda that breaks its contract: it declares [B, T, 4] but drops the last time step.</summary>
[Model("x: B,T,4")]
[Lambda(nameof(DropLast), "B,T,4", Name = "trim"), Linear(2)]
public partial class BrokenLambdaNet
{
    private static Tensor DropLast(Tensor x) => x.narrow(1, 0, x.shape[1] - 1);
}

/// <summary>A lambda with the declared sizes but integer elements, which the Linear after it cannot take.</summary>
[Model("x: B,4")]
[Lambda(nameof(Round), "B,4"), Linear(2)]
public partial class IntegerLambdaNet
{
    private static Tensor Round(Tensor x) => x.round().to(int64);
}

/// <summary>A block whose lambda doubles its C features; C is bound where the block is used.</summary>
[Model("x: B,C")]
[Lambda(nameof(Pair), "B,C*2")]
public partial class PairBlock
{
    private static Tensor Pair(Tensor x) => cat([x, x], 1);
}

/// <summary>The block at C = 3: the Linear after it takes 6 features.</summary>
[Model("x: B,3")]
[Use(typeof(PairBlock), Name = "pair"), Linear(2)]
public partial class PairedNet;
