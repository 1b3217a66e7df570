using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using SciDsl.Generators.Infrastructure;

namespace SciDsl.Generators.Parse;

/// <summary>One attribute argument as text, by parameter or property name (positional ones by their parameter name).</summary>
internal sealed record AttributeArgument(string Name, string Text, bool IsString);

/// <summary>An attribute's arguments as plain values, read by the layer that owns the attribute.</summary>
/// <param name="Block">The parsed <c>[Model]</c> a <c>typeof(Block)</c> argument names (<c>[Use]</c>, <c>[Residual]</c>).</param>
/// <param name="Model">The model class the attribute is declared on (a <c>[Lambda]</c> calls its methods).</param>
internal sealed record AttributeArguments(EquatableArray<AttributeArgument> Items, ModelSpec? Block = null, DeclaringModel? Model = null)
{
    public static AttributeArguments From(AttributeData attribute)
    {
        var items = new List<AttributeArgument>();
        var parameters = attribute.AttributeConstructor?.Parameters ?? default;
        for (int i = 0; i < attribute.ConstructorArguments.Length; i++)
        {
            if (parameters.IsDefault || i >= parameters.Length) break;
            Add(items, parameters[i].Name, attribute.ConstructorArguments[i]);
        }
        foreach (var named in attribute.NamedArguments)
            Add(items, named.Key, named.Value);
        return new AttributeArguments(items.ToEquatableArray());
    }

    public bool Has(string name) => Find(name) is not null;

    public long Long(string name, long fallback) =>
        Find(name) is { } arg && long.TryParse(arg.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value : fallback;

    public int Int(string name, int fallback) => (int)Long(name, fallback);

    public double Double(string name, double fallback) =>
        Find(name) is { } arg && double.TryParse(arg.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : fallback;

    public bool Bool(string name, bool fallback) => Find(name) is { } arg ? arg.Text == "true" : fallback;

    public string? String(string name) => Find(name)?.Text;

    private AttributeArgument? Find(string name) =>
        Items.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    private static void Add(List<AttributeArgument> items, string name, TypedConstant value)
    {
        if (value.Kind == TypedConstantKind.Array)
        {
            // Lists of names (merge sources) and of dims (Permute): kept as "a,b" (the form From takes) and "0,2,1".
            if (!value.IsNull && value.Values.Length > 0 && value.Values.All(v => v.Value is string))
                items.Add(new AttributeArgument(name, string.Join(",", value.Values.Select(v => (string)v.Value!)), IsString: true));
            else if (!value.IsNull && value.Values.Length > 0 && value.Values.All(v => v.Value is int))
                items.Add(new AttributeArgument(name, string.Join(",", value.Values.Select(v => ((int)v.Value!).ToString(CultureInfo.InvariantCulture))), IsString: false));
            return;
        }
        string text = value.Kind == TypedConstantKind.Enum ? EnumName(value) : value.Value switch
        {
            null => "",
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString() ?? "",
        };
        items.Add(new AttributeArgument(name, text, value.Value is string));
    }

    /// <summary>An enum argument's member name, e.g. <c>Bilinear</c>; the number when no member has the value (a cast).</summary>
    public static string EnumName(TypedConstant value) =>
        value.Type?.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value))?.Name
        ?? Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? "";
}
