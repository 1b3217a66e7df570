using System.Globalization;
using System.Runtime.InteropServices;
using Google.Protobuf;
using SciDsl.Onnx.Proto;
using TorchSharp;
using DataType = SciDsl.Onnx.Proto.TensorProto.Types.DataType;

namespace SciDsl.Onnx;

/// <summary>Conversions between SciDsl/TorchSharp tensors and their ONNX protobuf form.</summary>
internal static class OnnxTensors
{
    public static DataType ToOnnx(TensorElementType type) => type switch
    {
        TensorElementType.Float32 => DataType.Float,
        TensorElementType.Float64 => DataType.Double,
        TensorElementType.Int64 => DataType.Int64,
        TensorElementType.Bool => DataType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no ONNX element type for this tensor type"),
    };

    /// <summary>A graph input or output: integer dims become dim_value, anything else (B, (H - 3) / 2 + 1) dim_param verbatim.</summary>
    public static ValueInfoProto ValueInfo(TensorSignature signature)
    {
        var shape = new TensorShapeProto();
        foreach (string dim in signature.Dims)
        {
            shape.Dim.Add(long.TryParse(dim, NumberStyles.None, CultureInfo.InvariantCulture, out long size)
                ? new TensorShapeProto.Types.Dimension { DimValue = size }
                : new TensorShapeProto.Types.Dimension { DimParam = dim });
        }

        return new ValueInfoProto
        {
            Name = signature.Name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)ToOnnx(signature.ElementType), Shape = shape } },
        };
    }

    /// <summary>Copies the tensor's values (detached, on the CPU, row-major) into an initializer with little-endian raw_data.</summary>
    public static TensorProto Initializer(string name, torch.Tensor value)
    {
        using var scope = torch.NewDisposeScope();
        var data = value.detach().cpu().contiguous();
        var proto = new TensorProto { Name = name, Dims = { data.shape } };
        (proto.DataType, proto.RawData) = data.dtype switch
        {
            torch.ScalarType.Float32 => ((int)DataType.Float, LittleEndianBytes(data.data<float>().ToArray())),
            torch.ScalarType.Float64 => ((int)DataType.Double, LittleEndianBytes(data.data<double>().ToArray())),
            torch.ScalarType.Int64 => ((int)DataType.Int64, LittleEndianBytes(data.data<long>().ToArray())),
            _ => throw new ArgumentException(
                $"Initializer '{name}' has dtype {data.dtype}; ONNX export supports float32, float64 and int64 parameters.", nameof(value)),
        };
        return proto;
    }

    public static TensorProto Initializer(string name, float[] values, long[] shape) =>
        new() { Name = name, Dims = { shape }, DataType = (int)DataType.Float, RawData = LittleEndianBytes(values) };

    public static TensorProto Initializer(string name, long[] values) =>
        new() { Name = name, Dims = { values.Length }, DataType = (int)DataType.Int64, RawData = LittleEndianBytes(values) };

    /// <summary>A rank-0 int64 tensor, for operators that take scalars (Gather's index that drops the axis, Range).</summary>
    public static TensorProto ScalarInitializer(string name, long value) =>
        new() { Name = name, DataType = (int)DataType.Int64, RawData = LittleEndianBytes(new[] { value }) };

    /// <summary>ONNX raw_data is little-endian whatever the host; swap each element on a big-endian host.</summary>
    private static ByteString LittleEndianBytes<T>(T[] values) where T : unmanaged
    {
        byte[] bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            int width = Marshal.SizeOf<T>();
            for (int offset = 0; offset < bytes.Length; offset += width)
            {
                bytes.AsSpan(offset, width).Reverse();
            }
        }

        return UnsafeByteOperations.UnsafeWrap(bytes); // the array is ours alone: no second copy
    }
}
