using static TorchSharp.torch;

namespace SciDsl.Modules;

/// <summary>
/// <c>projection(x) + block(x)</c>: a residual block that changes its input's shape, with the shortcut projected
/// (a bias-free 1×1 convolution or Linear) to the block's output shape, as in ResNet's downsampling blocks.
/// Parameters are named <c>block.…</c> and <c>projection.weight</c>.
/// </summary>
public sealed class ProjectedResidual<TBlock, TProjection> : nn.Module<Tensor, Tensor>
    where TBlock : nn.Module<Tensor, Tensor>
    where TProjection : nn.Module<Tensor, Tensor>
{
    public ProjectedResidual(TBlock block, TProjection projection) : base(nameof(ProjectedResidual<TBlock, TProjection>))
    {
        this.block = block;
        this.projection = projection;
        RegisterComponents();
    }

#pragma warning disable IDE1006 // TorchSharp names parameters after these fields: block.conv1.weight, projection.weight.
    public readonly TBlock block;
    public readonly TProjection projection;
#pragma warning restore IDE1006

    public override Tensor forward(Tensor input) => projection.forward(input) + block.forward(input);
}
