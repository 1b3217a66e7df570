namespace SciDsl.Onnx;

/// <summary>
/// Adaptive average pooling as a matrix, so that any output size exports exactly as a <c>MatMul</c>
/// (ONNX's AveragePool has one window size, but adaptive bins differ in size when the output does
/// not divide the input). Bin i covers the positions ⌊i·in/out⌋ to ⌈(i+1)·in/out⌉ (exclusive), as in PyTorch.
/// </summary>
public static class AdaptivePooling
{
    private const long FloatType = 1; // TensorProto.DataType.FLOAT, Cast's "to"

    /// <summary>
    /// The <c>[inputLength, outputLength]</c> matrix (row-major) whose column i averages bin i; with
    /// <paramref name="binsFirst"/> its <c>[outputLength, inputLength]</c> transpose.
    /// </summary>
    public static float[] Weights(long inputLength, long outputLength, bool binsFirst = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputLength, 1);
        var weights = new float[inputLength * outputLength];
        for (long bin = 0; bin < outputLength; bin++)
        {
            long start = bin * inputLength / outputLength;
            long end = ((bin + 1) * inputLength + outputLength - 1) / outputLength;
            float weight = 1f / (end - start);
            for (long position = start; position < end; position++)
                weights[binsFirst ? bin * inputLength + position : position * outputLength + bin] = weight;
        }
        return weights;
    }

    /// <summary>
    /// Writes nodes that compute <see cref="Weights"/> at run time from the size of dim <paramref name="axis"/> of
    /// <paramref name="input"/>, for inputs whose size is only known then; returns the matrix's value name.
    /// Every operator is in the default domain at opset 13 or earlier.
    /// </summary>
    public static string RunTimeWeights(OnnxGraphBuilder onnx, string name, string input, long axis, long outputLength, bool binsFirst = false)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputLength, 1);
        string Step(string step, string opType, params string[] inputs) => onnx.Node(opType, $"{name}/{step}", inputs);
        string Longs(string step, params long[] values) => onnx.Constant($"{name}/{step}", values);
        string firstAxis = Longs("first_axis", 0);
        string Scalar(string step, string vector) => Step(step, "Squeeze", vector, firstAxis);
        string ToFloat(string step, string value) => onnx.Node("Cast", $"{name}/{step}", [value], OnnxAttribute.Int("to", FloatType));

        string length = Step("length", "Gather", Step("input_shape", "Shape", input), Longs("axis", axis));
        string bins = Longs("bins", Enumerable.Range(0, checked((int)outputLength)).Select(bin => (long)bin).ToArray());
        string binCount = Longs("bin_count", outputLength);
        string start = Step("start", "Div", Step("start_times_bins", "Mul", bins, length), binCount);
        string nextStart = Step("next_start_times_bins", "Mul", Step("next_bins", "Add", bins, Longs("one", 1)), length);
        string end = Step("end", "Div", Step("end_times_bins", "Add", nextStart, Longs("round_up", outputLength - 1)), binCount);

        string range = Step("range", "Range", Scalar("range_start", Longs("zero", 0)), Scalar("range_limit", length), Scalar("range_step", Longs("one", 1)));
        string positions = Step("positions", "Reshape", range, Longs("column", -1, 1));
        string inBin = Step("in_bin", "And", Step("from_start", "GreaterOrEqual", positions, start), Step("before_end", "Less", positions, end));
        string weights = Step("weights", "Div", ToFloat("in_bin_float", inBin), ToFloat("bin_sizes", Step("bin_sizes_long", "Sub", end, start)));
        return binsFirst ? Step("weights_bins_first", "Transpose", weights) : weights;
    }
}
