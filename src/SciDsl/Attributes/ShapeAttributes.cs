namespace SciDsl;

/// <summary>Flattens dims from <see cref="StartDim"/> (default 1) to the end into one.</summary>
public sealed class FlattenAttribute : LayerAttribute
{
    public int StartDim { get; set; } = 1;
}

/// <summary>Reshapes to a symbolic shape whose first dim is the batch, e.g. <c>"B,64,7,7"</c>; element counts must agree (SD1004).</summary>
public sealed class ReshapeAttribute(string shape) : LayerAttribute
{
    public string Shape { get; } = shape;
}

/// <summary>Rearranges <c>[B, C·r², H, W]</c> into <c>[B, C, H·r, W·r]</c> (sub-pixel upsampling); channels must divide by r².</summary>
public sealed class PixelShuffleAttribute(int upscaleFactor) : LayerAttribute
{
    public int UpscaleFactor { get; } = upscaleFactor;
}

/// <summary>How <see cref="UpsampleAttribute"/> fills the new pixels.</summary>
public enum Interpolation
{
    /// <summary>Copies the nearest input pixel (any spatial rank).</summary>
    Nearest,
    /// <summary>Interpolates linearly in height and width (<c>[B, C, H, W]</c> only), corners not aligned, as PyTorch's default.</summary>
    Bilinear,
}

/// <summary>Scales every spatial dim of <c>[B, C, spatial…]</c> by a whole factor, e.g. <c>[Upsample(2, Mode = Interpolation.Bilinear)]</c>.</summary>
public sealed class UpsampleAttribute(int scale) : LayerAttribute
{
    public int Scale { get; } = scale;

    public Interpolation Mode { get; set; } = Interpolation.Nearest;
}
