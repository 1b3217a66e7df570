namespace SciDsl.Generators.Emit;

/// <summary>
/// TorchSharp names as generated code writes them: <c>global::</c>-rooted, because a user type or
/// namespace called <c>nn</c>, <c>torch</c>, <c>Tensor</c> or <c>Linear</c> would capture a shorter
/// name (a using alias would not help: the user's namespace members are found before it).
/// </summary>
internal static class Torch
{
    /// <summary>The <c>torch</c> class: <c>torch.cat</c>, <c>torch.no_grad</c>.</summary>
    public const string Root = "global::TorchSharp.torch";

    /// <summary>The <c>nn</c> factories: <c>nn.Linear(…)</c>.</summary>
    public const string Nn = Root + ".nn";

    public const string Tensor = Root + ".Tensor";

    /// <summary>A module type as returned by its factory, e.g. <c>Linear</c>; a <c>global::</c> name (a SciDsl module) as is.</summary>
    public static string ModuleType(string name) => name.StartsWith("global::") ? name : "global::TorchSharp.Modules." + name;
}
