using System.Globalization;
using Google.Protobuf;
using SciDsl.Onnx.Proto;

namespace SciDsl.Onnx;

/// <summary>An immutable ONNX node attribute, e.g. <c>kernel_shape=[3, 3]</c>.</summary>
public sealed class OnnxAttribute
{
    // Never handed out: ToProto returns a copy, so an attribute cannot change after creation.
    private readonly AttributeProto _proto;

    private OnnxAttribute(AttributeProto proto)
    {
        ArgumentException.ThrowIfNullOrEmpty(proto.Name, "name");
        _proto = proto;
    }

    public string Name => _proto.Name;

    public static OnnxAttribute Int(string name, long value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });

    public static OnnxAttribute Ints(string name, params long[] values) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { values } });

    public static OnnxAttribute Float(string name, float value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value });

    public static OnnxAttribute Floats(string name, params float[] values) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats, Floats = { values } });

    public static OnnxAttribute String(string name, string value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) });

    internal AttributeProto ToProto() => _proto.Clone();

    public override string ToString() => _proto.Type switch
    {
        AttributeProto.Types.AttributeType.Int => $"{Name}={Format(_proto.I)}",
        AttributeProto.Types.AttributeType.Ints => $"{Name}=[{string.Join(", ", _proto.Ints.Select(Format))}]",
        AttributeProto.Types.AttributeType.Float => $"{Name}={Format(_proto.F)}",
        AttributeProto.Types.AttributeType.Floats => $"{Name}=[{string.Join(", ", _proto.Floats.Select(Format))}]",
        _ => $"{Name}=\"{_proto.S.ToStringUtf8()}\"",
    };

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
