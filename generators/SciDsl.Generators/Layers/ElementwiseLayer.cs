using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Layers;

/// <summary>A layer applied element by element (activations, dropout): the output shape is the input shape.</summary>
internal abstract record ElementwiseLayer(LayerSite Site) : LayerSpec(Site)
{
    public override LayerInference Infer(InferContext context) => context.Ok(this, context.Input);
}
