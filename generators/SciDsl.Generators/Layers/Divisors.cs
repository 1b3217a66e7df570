using System.Collections.Generic;
using System.Linq;

namespace SciDsl.Generators.Layers;

/// <summary>The counts that divide a size, listed in messages for groups or heads that do not.</summary>
internal static class Divisors
{
    public static IEnumerable<long> Of(long n) => Enumerable.Range(1, (int)n).Where(d => n % d == 0).Select(d => (long)d);
}
