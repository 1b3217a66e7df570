using SciDsl.Onnx;

namespace SciDsl.Tests.Layers;

/// <summary>
/// The members the generator adds to every single-input model, as an interface the test models
/// declare on their own partial part, so one table can drive every model kind.
/// </summary>
public interface IGeneratedModel
{
    static abstract ModelSignature Signature { get; }

    void ExportOnnx(string path, OnnxExportOptions? options = null);

    string Summary();
}
