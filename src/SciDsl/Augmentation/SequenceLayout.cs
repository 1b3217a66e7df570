namespace SciDsl;

/// <summary>Where the positions of a sequence batch lie.</summary>
public enum SequenceLayout
{
    /// <summary><c>[B,C,L]</c>: channels then positions, as 1-D convolutions take them (e.g. one-hot DNA <c>[B,4,L]</c>).</summary>
    ChannelsFirst,
    /// <summary><c>[B,L,F]</c>: positions then features, as recurrent layers and transformers take them.</summary>
    ChannelsLast,
}

internal static class SequenceLayouts
{
    public static long PositionDim(this SequenceLayout layout) => layout == SequenceLayout.ChannelsFirst ? 2 : 1;

    public static string Describe(this SequenceLayout layout) => layout == SequenceLayout.ChannelsFirst ? "of sequences [B,C,L]" : "of sequences [B,L,F]";
}
