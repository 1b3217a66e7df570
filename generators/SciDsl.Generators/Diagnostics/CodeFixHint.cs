namespace SciDsl.Generators.Diagnostics;

/// <summary>
/// A fix a diagnostic carries in its properties, applied in the IDE by SciDsl.CodeFixes (which
/// compiles this same file): set a named argument, or insert an attribute before the reported one.
/// </summary>
internal sealed record CodeFixHint(string Kind, string Argument, string Value)
{
    public const string KindKey = "SciDsl.Fix";
    public const string ArgumentKey = "SciDsl.FixArgument";
    public const string ValueKey = "SciDsl.FixValue";

    public const string SetArgumentKind = "SetArgument";
    public const string InsertBeforeKind = "InsertBefore";

    /// <summary>e.g. <c>In = 3136</c> on <c>Linear(128, In = 3200)</c>.</summary>
    public static CodeFixHint SetArgument(string argument, string value) => new(SetArgumentKind, argument, value);

    /// <summary>e.g. <c>[Flatten, Linear(128)]</c> for <c>[Linear(128)]</c> on a feature map.</summary>
    public static CodeFixHint InsertBefore(string attribute) => new(InsertBeforeKind, "", attribute);
}
