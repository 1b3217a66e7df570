namespace SciDsl.Onnx;

/// <summary>
/// Adaptive average pooling as a matrix, so that any output size exports exactly as a <c>MatMul</c>
/// (ONNX's AveragePool has one window size, but adaptive bins differ in size when the output does
/// not divide the input).
/// </summary>
public static class AdaptivePooling
{
    /// <summary>
    /// The <c>[inputLength, outputLength]</c> matrix (row-major) whose column i averages PyTorch's bin i,
    /// the positions ⌊i·in/out⌋ to ⌈(i+1)·in/out⌉ (exclusive); with <paramref name="binsFirst"/> its
    /// <c>[outputLength, inputLength]</c> transpose.
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
}
