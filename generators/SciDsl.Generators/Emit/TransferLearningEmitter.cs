using System.Collections.Generic;
using System.Linq;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Emit;

/// <summary>Emits an experiment's <c>Transfer</c> property: the <c>TransferSettings</c> its <c>[TransferLearning]</c> declares.</summary>
internal static class TransferLearningEmitter
{
    public static void Emit(SourceWriter writer, TransferSpec transfer)
    {
        string weights = transfer.SourceKind switch
        {
            "PyTorch" => $"global::SciDsl.PretrainedWeights.FromPyTorch({Literal.String(transfer.Source)})",
            "Experiment" => $"global::SciDsl.PretrainedWeights.FromExperiment({Literal.String(transfer.Source)})",
            _ => $"global::SciDsl.PretrainedWeights.FromCheckpoint({Literal.String(transfer.Source)})",
        };
        var settings = Settings(transfer).ToList();
        writer.Line();
        writer.Line("/// <summary>What <c>[TransferLearning]</c> declares: the pretrained weights and how to fine-tune from them.</summary>");
        writer.Line($"public static global::SciDsl.TransferSettings Transfer {{ get; }} = new(() => {weights}){(settings.Count == 0 ? ";" : "")}");
        if (settings.Count == 0) return;
        writer.Line("{");
        foreach (string setting in settings) writer.Line($"    {setting},");
        writer.Line("};");
    }

    private static IEnumerable<string> Settings(TransferSpec transfer)
    {
        if (transfer.NameMap.Count > 0)
            yield return $"NameMap = new global::System.Collections.Generic.Dictionary<string, string> {{ {string.Join(", ", transfer.NameMap.Select(p => $"[{Literal.String(p.Source)}] = {Literal.String(p.Model)}"))} }}";
        if (transfer.Freeze.Count > 0) yield return $"Freeze = new[] {{ {string.Join(", ", transfer.Freeze.Select(Literal.String))} }}";
        if (transfer.ReplaceHead.Count > 0) yield return $"ReplaceHead = new[] {{ {string.Join(", ", transfer.ReplaceHead.Select(Literal.String))} }}";
        if (transfer.PretrainedRate != 1) yield return $"PretrainedRate = {Literal.Double(transfer.PretrainedRate)}";
        if (transfer.LayerRates.Count > 0)
            yield return $"LayerRates = new global::System.Collections.Generic.Dictionary<string, double> {{ {string.Join(", ", transfer.LayerRates.Select(r => $"[{Literal.String(r.Layer)}] = {Literal.Double(r.Rate)}"))} }}";
    }
}
