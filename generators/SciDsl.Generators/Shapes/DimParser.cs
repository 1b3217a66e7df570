using System;
using System.Collections.Generic;
using System.Globalization;

namespace SciDsl.Generators.Shapes;

/// <summary>
/// Parses dims such as <c>28</c>, <c>B</c>, <c>H*2</c>, <c>C*T</c> or <c>(H - 3) / 2 + 1</c>.
/// Grammar: expr := term (('+'|'-') term)*; term := factor ('*' factor | '/' integer)*;
/// factor := integer | symbol | '(' expr ')' | '-' factor.
/// </summary>
internal sealed class DimParser
{
    private readonly string text;
    private int position;
    private int depth;

    /// <summary>Deeper nesting is refused: recursion must never overflow the compiler's stack.</summary>
    private const int MaxNesting = 64;

    private DimParser(string text) => this.text = text;

    /// <summary>
    /// Parses a whole dim; on a syntax error returns null and a reason. A number or result beyond
    /// 64 bits throws <see cref="OverflowException"/> naming the dim, for the caller to report as SD1007.
    /// </summary>
    public static Dim? Parse(string text, out string? error)
    {
        var parser = new DimParser(text);
        try
        {
            parser.SkipSpaces();
            if (parser.AtEnd) throw new FormatException("the dim is empty");
            var dim = parser.Expression();
            parser.SkipSpaces();
            if (!parser.AtEnd) throw new FormatException($"unexpected '{text[parser.position]}'");
            error = null;
            return dim;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
        catch (OverflowException e)
        {
            throw new OverflowException($"the size '{text.Trim()}'", e);
        }
    }

    private bool AtEnd => position >= text.Length;

    private Dim Expression()
    {
        // Summed once at the end: a long sum stays near-linear instead of re-normalising per term.
        var terms = new List<Dim> { Term() };
        while (true)
        {
            SkipSpaces();
            if (Accept('+')) terms.Add(Term());
            else if (Accept('-')) terms.Add(Term() * -1);
            else return terms.Count == 1 ? terms[0] : Dim.Sum(terms);
        }
    }

    private Dim Term()
    {
        var value = Factor();
        while (true)
        {
            SkipSpaces();
            if (Accept('*'))
            {
                value *= Factor();
            }
            else if (Accept('/'))
            {
                var divisor = Factor();
                if (!divisor.IsConstant || divisor.Constant <= 0)
                    throw new FormatException("sizes can only be divided by a positive integer");
                value = value.FloorDiv(divisor.Constant);
            }
            else return value;
        }
    }

    private Dim Factor()
    {
        SkipSpaces();
        if (AtEnd) throw new FormatException("the expression ends too early");
        char c = text[position];
        if (++depth > MaxNesting) throw new FormatException($"the expression nests deeper than {MaxNesting} levels");
        try
        {
            if (Accept('('))
            {
                var inner = Expression();
                SkipSpaces();
                if (!Accept(')')) throw new FormatException("missing ')'");
                return inner;
            }
            if (Accept('-')) return Factor() * -1;
        }
        finally
        {
            depth--;
        }
        if (char.IsDigit(c))
        {
            int start = position;
            while (!AtEnd && char.IsDigit(text[position])) position++;
            return Dim.Of(long.Parse(text.Substring(start, position - start), NumberStyles.None, CultureInfo.InvariantCulture));
        }
        if (char.IsLetter(c) || c == '_')
        {
            int start = position;
            while (!AtEnd && (char.IsLetterOrDigit(text[position]) || text[position] == '_')) position++;
            return Dim.Symbol(text.Substring(start, position - start));
        }
        throw new FormatException($"unexpected '{c}'");
    }

    private bool Accept(char c)
    {
        if (AtEnd || text[position] != c) return false;
        position++;
        return true;
    }

    private void SkipSpaces()
    {
        while (!AtEnd && char.IsWhiteSpace(text[position])) position++;
    }
}
