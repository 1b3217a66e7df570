namespace SciDsl.Tests.Interpretability;

/// <summary>Asserts that bad input is rejected with a message quoting the shapes it received.</summary>
internal static class ShapeErrors
{
    public static ArgumentException Naming(Func<object> call, params string[] shapes)
    {
        var error = Assert.Throws<ArgumentException>(call);
        foreach (string shape in shapes)
            Assert.Contains(shape, error.Message);
        return error;
    }
}
