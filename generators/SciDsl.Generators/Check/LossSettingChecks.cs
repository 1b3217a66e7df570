using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Diagnostics;

namespace SciDsl.Generators.Check;

/// <summary>
/// SD3050: a <c>[Supervised]</c> setting that training would silently ignore, because the declared loss does not take it
/// or the paradigm's labelled loss does not apply it; a scientist who writes it expects it to act.
/// </summary>
internal static class LossSettingChecks
{
    /// <param name="loss">The declared loss's name, e.g. <c>"MSE"</c>.</param>
    /// <param name="settings">The names of the settings <c>[Supervised]</c> is given, e.g. <c>LabelSmoothing</c>.</param>
    /// <param name="semiSupervised">The experiment also declares <c>[SemiSupervised]</c>, whose losses weight every class alike.</param>
    public static void Check(string experiment, string loss, IReadOnlyCollection<string> settings, bool semiSupervised, LocationInfo? at, List<DiagnosticInfo> diagnostics)
    {
        void Unused(string setting, string reason) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossSettingUnused, at, experiment, $"{setting} {reason}", $"remove {setting}"));

        foreach (string setting in new[] { "LabelSmoothing", "ClassWeights" })
            if (settings.Contains(setting) && loss != "CrossEntropy")
                Unused(setting, $"applies only to Loss.CrossEntropy, but the loss is Loss.{loss}");
        if (settings.Contains("HuberDelta") && loss != "Huber")
            Unused("HuberDelta", $"applies only to Loss.Huber, but the loss is Loss.{loss}");
        if (settings.Contains("ClassWeights") && loss == "CrossEntropy" && semiSupervised)
            Unused("ClassWeights", "is not applied by [SemiSupervised], whose labelled and unlabelled losses weight every class alike");
    }
}
