namespace SciDsl;

/// <summary>What fills the border added before a random crop.</summary>
public enum PaddingFill
{
    /// <summary>Zeros.</summary>
    Zero,
    /// <summary>The image mirrored at its edge, without repeating the edge pixel (needs padding smaller than the image).</summary>
    Reflect,
}
