using System.Linq;
using SciDsl.Generators.Parse;

namespace SciDsl.Generators.Emit;

/// <summary>Emits <c>Data.Dataset.g.cs</c>: the declared sample inputs and target, checked by the trainer after loading.</summary>
internal static class DatasetEmitter
{
    public static string Emit(DatasetSpec data) =>
        TypeScope.Write(data.Type, null, new[] { TypeScope.GeneratedCode }, writer =>
        {
            writer.Line("/// <summary>One sample's shape and the target kind, as declared; what <c>Load</c> returns is checked against it.</summary>");
            if (data.Inputs.Count == 1)
            {
                writer.Line("public static global::SciDsl.DatasetSignature Signature { get; } = new(");
                writer.Line($"    {ModuleEmitter.TensorSignature(data.Sample)},");
            }
            else
            {
                writer.Line("public static global::SciDsl.DatasetSignature Signature { get; } = global::SciDsl.DatasetSignature.OfInputs(");
                writer.Line($"    [{string.Join(", ", data.Inputs.Select(ModuleEmitter.TensorSignature))}],");
            }
            writer.Line($"    global::SciDsl.TargetKind.{data.TargetKind},");
            // A per-position target sets Per: in an initializer after new(...), with `with` after OfInputs(...).
            string per = data.TargetPer == "Sample" ? ""
                : $"{(data.Inputs.Count == 1 ? "" : " with")} {{ Per = global::SciDsl.TargetScope.{data.TargetPer} }}";
            writer.Line($"    {Literal.Long(data.TargetSize)}){per};");
        });
}
