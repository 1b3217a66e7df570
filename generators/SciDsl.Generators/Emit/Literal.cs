using System.Globalization;

namespace SciDsl.Generators.Emit;

/// <summary>C# literals written culture-independently (a culture's minus sign must never leak into code).</summary>
internal static class Literal
{
    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Float(double value) => ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";

    public static string Bool(bool value) => value ? "true" : "false";

    public static string String(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
