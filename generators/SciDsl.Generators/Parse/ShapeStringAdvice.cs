using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SciDsl.Generators.Shapes;

namespace SciDsl.Generators.Parse;

/// <summary>
/// Recognises a shape string written the way other frameworks write shapes (<c>"x: (B, 1, 8, 8)"</c>,
/// <c>"x: [B, 1, 8, 8]"</c>, <c>"x=B,1,8,8"</c>, <c>"x: B;1;8;8"</c>) and says how SciDsl writes it, with the
/// user's own declaration rewritten: the parser's own error ("missing ')'") would not say that.
/// </summary>
internal static class ShapeStringAdvice
{
    /// <summary>An input starts after a comma: <c>"x: B,16, mask: B,16"</c>.</summary>
    private static readonly Regex InputAfterComma = new(@",\s*(?=[A-Za-z_]\w*\s*:)");

    private static readonly Regex SpacesAroundSeparators = new(@"\s*([,()\[\]])\s*");

    /// <summary>What is foreign and the rewritten declaration, e.g. <c>dims are written without parentheses …; write "x: B,1,8,8"</c>; null when the text is not a recognised foreign form.</summary>
    public static string? For(string text)
    {
        var reasons = new List<string>();
        var inputs = new List<string>();
        foreach (string raw in text.Split(';').Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            string part = raw;
            if (!part.Contains(':') && part.Contains('='))
            {
                part = part.Substring(0, part.IndexOf('=')) + ":" + part.Substring(part.IndexOf('=') + 1);
                reasons.Add("name and dims are separated by ':', not '='");
            }
            if (part.Contains(':')) inputs.AddRange(SplitInputs(part, reasons));
            else if (inputs.Count > 0)
            {
                inputs[inputs.Count - 1] += "," + part;
                reasons.Add("';' separates inputs; dims are separated by ','");
            }
            else
            {
                inputs.Add("x: " + part);
                reasons.Add("name the input");
            }
        }

        var plain = new List<string>();
        var typed = new List<string>();
        foreach (string input in inputs)
        {
            int colon = input.IndexOf(':');
            string name = input.Substring(0, colon).Trim();
            string body = SpacesAroundSeparators.Replace(input.Substring(colon + 1), "$1").Trim();
            string dims = body;
            if (Wrapped(body, '(', ')'))
            {
                dims = body.Substring(1, body.Length - 2);
                reasons.Add("dims are written without parentheses, separated by ','");
            }
            else if (Wrapped(body, '[', ']'))
            {
                dims = body.Substring(1, body.Length - 2);
                reasons.Add("brackets need an element type before them, as in float32[...], or none at all");
            }
            plain.Add($"{name}: {dims}");
            typed.Add(body == dims ? $"{name}: {dims}" : $"{name}: {TensorSpec.Float32}[{dims}]");
        }

        string rewritten = string.Join("; ", plain);
        if (reasons.Count == 0 || SignatureParser.Parse(rewritten, out _) is null) return null;
        string alternative = string.Join("; ", typed);
        bool bracketed = reasons.Any(r => r.StartsWith("brackets"));
        return string.Join("; ", reasons.Distinct()) + $"; write \"{rewritten}\"" + (bracketed ? $" or \"{alternative}\"" : "");
    }

    private static IEnumerable<string> SplitInputs(string part, List<string> reasons)
    {
        string[] inputs = InputAfterComma.Split(part);
        if (inputs.Length > 1) reasons.Add("separate inputs with ';' (dims are separated by ',')");
        return inputs;
    }

    private static bool Wrapped(string body, char open, char close) =>
        body.Length >= 2 && body[0] == open && body[body.Length - 1] == close;
}
