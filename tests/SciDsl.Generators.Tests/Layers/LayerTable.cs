namespace SciDsl.Generators.Tests.Layers;

/// <summary>
/// A declaration's layer rows under one <c>[Model]</c>; the layer under test is the last row, so
/// a rejection is reported on that row's line.
/// </summary>
internal sealed record LayerUse(string Input, params string[] Rows);

/// <summary>A valid use and its output dims, worked out by hand with PyTorch's formula for the layer.</summary>
internal sealed record ShapeRow(LayerUse Use, string Output);

/// <summary>An invalid use and the diagnostic it gets: id and words of the message.</summary>
internal sealed record RejectionRow(LayerUse Use, string Id, params string[] Words);

/// <param name="NothingToReject">Why a kind has no rejection rows (no arguments, any shape); null when it has some.</param>
internal sealed record LayerKindRows(string Kind, ShapeRow[] Shapes, RejectionRow[] Rejections, string? NothingToReject = null);

/// <summary>
/// The build-time half of the per-layer table, one entry per kind in <c>LayerRegistry.All</c> (Keras'
/// <c>run_layer_test</c> is the model): adding a layer kind means adding its entry here and its
/// parity rows in SciDsl.Tests' LayerParityTests. Sliding windows follow PyTorch's
/// ⌊(in + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1.
/// </summary>
internal static class LayerTable
{
    private static LayerUse Use(string input, params string[] rows) => new(input, rows);

    private static ShapeRow Gives(this LayerUse use, string output) => new(use, output);

    private static RejectionRow Rejected(this LayerUse use, string id, params string[] words) => new(use, id, words);

    private static LayerKindRows Activation(string kind) =>
        new(kind, [Use("x: B,3,5", $"[{kind}]").Gives("B,3,5"), Use("x: B,T", $"[{kind}]").Gives("B,T")], [],
            "it takes no arguments and accepts any shape");

    public static readonly LayerKindRows[] Kinds =
    [
        new("Linear",
            [
                Use("x: B,6", "[Linear(4)]").Gives("B,4"),
                Use("x: B,T,6", "[Linear(4, Bias = false)]").Gives("B,T,4"),
                Use("x: B,6", "[Linear(\"H\", In = 6)]").Gives("B,H"),
            ],
            [
                Use("x: B,6", "[Linear(0)]").Rejected("SD2003", "output width must be positive but is 0"),
                Use("x: B,6", "[Linear(4, In = 5)]").Rejected("SD1004", "In = 5", "write In = 6"),
                Use("x: B,1,8,8", "[Linear(10)]").Rejected("SD1001", "[B, features] or [B, T, features]", "insert [Flatten]"),
            ]),
        new("Conv1d",
            [
                Use("x: B,3,10", "[Conv1d(4, Kernel = 3, Stride = 2, Padding = 1)]").Gives("B,4,5"),         // ⌊(10 + 2 − 2 − 1) / 2⌋ + 1
                Use("x: B,4,11", "[Conv1d(6, Kernel = 2, Dilation = 2, Groups = 2)]").Gives("B,6,9"),       // 11 − 2·1 − 1 + 1
            ],
            [
                Use("x: B,3,10", "[Conv1d(4)]").Rejected("SD2003", "Kernel is required"),
                Use("x: B,3,10", "[Conv1d(4, Kernel = 3, Groups = 2)]").Rejected("SD1001", "divisible by Groups = 2"),
                Use("x: B,3,2", "[Conv1d(4, Kernel = 5)]").Rejected("SD1003", "dim 2", "negative"),          // 2 − 4 − 1 + 1 = −2
                Use("x: B,3,8,8", "[Conv1d(4, Kernel = 3)]").Rejected("SD1001", "use a 2-D convolution"),
            ]),
        new("Conv2d",
            [
                Use("x: B,3,7,7", "[Conv2d(4, Kernel = 3)]").Gives("B,4,5,5"),                               // 7 − 2 − 1 + 1
                Use("x: B,3,9,9", "[Conv2d(4, Kernel = 3, Stride = 2, Padding = 2, Dilation = 2)]").Gives("B,4,5,5"), // ⌊(9 + 4 − 4 − 1) / 2⌋ + 1
                Use("x: B,1,H,W", "[Conv2d(8, Kernel = 3, Padding = 1)]").Gives("B,8,H,W"),                 // H + 2 − 2 − 1 + 1
            ],
            [
                Use("x: B,1,8,8", "[Conv2d(16, Kernel = 3, Stride = 0)]").Rejected("SD2003", "Stride must be at least 1 but is 0"),
                Use("x: B,3,8,8", "[Conv2d(4, Kernel = 3, InChannels = 2)]").Rejected("SD1004", "InChannels = 2", "write InChannels = 3"),
                Use("x: B,6", "[Conv2d(4, Kernel = 3)]").Rejected("SD1001", "[B, channels, height, width]"),
            ]),
        new("Conv3d",
            [
                Use("x: B,2,5,6,7", "[Conv3d(4, Kernel = 3)]").Gives("B,4,3,4,5"),                            // in − 2 − 1 + 1
                Use("x: B,2,8,8,8", "[Conv3d(4, Kernel = 3, Stride = 2, Padding = 1)]").Gives("B,4,4,4,4"),   // ⌊(8 + 2 − 2 − 1) / 2⌋ + 1
                Use("x: B,1,D,H,W", "[Conv3d(2, Kernel = 3, Padding = 1)]").Gives("B,2,D,H,W"),
            ],
            [
                Use("x: B,2,2,8,8", "[Conv3d(4, Kernel = 3)]").Rejected("SD1003", "dim 2", "zero", "smaller Kernel"), // 2 − 2 − 1 + 1 = 0
                Use("x: B,2,8,8", "[Conv3d(4, Kernel = 3)]").Rejected("SD1001", "[B, channels, depth, height, width]"),
                Use("x: B,2,4,4,4", "[Conv3d(3, Kernel = 1, Groups = 2)]").Rejected("SD2003", "Groups = 2 must divide the 3 output channels"),
                Use("x: B,2,4,4,4", "[Conv3d(4, Kernel = 1, InChannels = 3)]").Rejected("SD1004", "InChannels = 3", "write InChannels = 2"),
            ]),
        // Transposed: (in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1.
        new("ConvTranspose1d",
            [
                Use("x: B,4,5", "[ConvTranspose1d(2, Kernel = 3, Stride = 2, Padding = 1, OutputPadding = 1)]").Gives("B,2,10"), // 8 − 2 + 2 + 1 + 1
                Use("x: B,4,T", "[ConvTranspose1d(2, Kernel = 4, Stride = 2, Padding = 1)]").Gives("B,2,2 * T"),                // 2T − 2 − 2 + 3 + 1
                Use("x: B,4,6", "[ConvTranspose1d(6, Kernel = 3, Dilation = 2, Groups = 2, Bias = false)]").Gives("B,6,10"),    // 5 + 2·2 + 1
            ],
            [
                Use("x: B,4,5", "[ConvTranspose1d(2, Kernel = 3, Stride = 2, OutputPadding = 2)]")
                    .Rejected("SD2003", "OutputPadding = 2 must be smaller than Stride (2) or Dilation (1)"),
                Use("x: B,4,5", "[ConvTranspose1d(2, Kernel = 3, OutputPadding = -1)]").Rejected("SD2003", "OutputPadding must be at least 0 but is -1"),
                Use("x: B,4,1", "[ConvTranspose1d(2, Kernel = 1, Padding = 1)]").Rejected("SD1003", "dim 2", "negative", "less Padding"), // 0 − 2 + 0 + 1
                Use("x: B,4,5,5", "[ConvTranspose1d(2, Kernel = 3)]").Rejected("SD1001", "[B, channels, length]", "2-D"),
                Use("x: B,3,5", "[ConvTranspose1d(4, Kernel = 3, Groups = 2)]").Rejected("SD1001", "divisible by Groups = 2"),
            ]),
        new("ConvTranspose2d",
            [
                Use("x: B,8,4,4", "[ConvTranspose2d(4, Kernel = 2, Stride = 2)]").Gives("B,4,8,8"),                        // 3·2 + 1 + 1
                Use("x: B,8,H,W", "[ConvTranspose2d(4, Kernel = 3, Stride = 2, Padding = 1, OutputPadding = 1)]").Gives("B,4,2 * H,2 * W"),
                Use("x: B,4,3,5", "[ConvTranspose2d(6, Kernel = 3, Stride = 3, Padding = 1, Dilation = 2, OutputPadding = 1, Groups = 2)]")
                    .Gives("B,6,10,16"),                                                                                     // 2·3 − 2 + 4 + 1 + 1, 4·3 − 2 + 4 + 1 + 1
            ],
            [
                Use("x: B,8,4,4", "[ConvTranspose2d(4, Kernel = 3, OutputPadding = 1)]")
                    .Rejected("SD2003", "OutputPadding = 1 must be smaller than Stride (1) or Dilation (1)"),
                Use("x: B,4,1,1", "[ConvTranspose2d(2, Kernel = 2, Padding = 1)]").Rejected("SD1003", "dim 2", "zero"),   // 0 − 2 + 1 + 0 + 1
                Use("x: B,8", "[ConvTranspose2d(4, Kernel = 2)]").Rejected("SD1001", "[B, channels, height, width]"),
                Use("x: B,8,4,4", "[ConvTranspose2d(4, Kernel = 2, InChannels = 4)]").Rejected("SD1004", "InChannels = 4", "write InChannels = 8"),
            ]),
        new("MaxPool1d",
            [Use("x: B,3,10", "[MaxPool1d(3, Stride = 2, Padding = 1)]").Gives("B,3,5")],                   // ⌊(10 + 2 − 2 − 1) / 2⌋ + 1
            [
                Use("x: B,3,10", "[MaxPool1d(0)]").Rejected("SD2003", "the kernel must be at least 1 but is 0"),
                Use("x: B,3,10", "[MaxPool1d(2, Padding = 2)]").Rejected("SD2003", "must be at most half the kernel"),
                Use("x: B,6", "[MaxPool1d(2)]").Rejected("SD1001", "pooling after Flatten/Linear is usually misplaced"),
            ]),
        new("MaxPool2d",
            [
                Use("x: B,2,8,8", "[MaxPool2d(2)]").Gives("B,2,4,4"),                                          // stride = kernel
                Use("x: B,2,7,7", "[MaxPool2d(3, Stride = 2, Padding = 1)]").Gives("B,2,4,4"),              // ⌊(7 + 2 − 2 − 1) / 2⌋ + 1
            ],
            [
                Use("x: B,2,1,1", "[MaxPool2d(2)]").Rejected("SD1003", "dim 2", "zero"),                       // ⌊(1 − 1 − 1) / 2⌋ + 1 = 0
                Use("x: B,2,8", "[MaxPool2d(2)]").Rejected("SD1001", "pool a rank-4 tensor"),
            ]),
        new("AvgPool1d",
            [
                Use("x: B,3,10", "[AvgPool1d(3, Stride = 2, Padding = 1)]").Gives("B,3,5"),
                Use("x: B,3,9", "[AvgPool1d(2)]").Gives("B,3,4"),                                              // ⌊(9 − 1 − 1) / 2⌋ + 1
            ],
            [Use("x: B,3,10", "[AvgPool1d(3, Stride = 0)]").Rejected("SD2003", "Stride must be at least 1 but is 0")]),
        new("AvgPool2d",
            [
                Use("x: B,2,8,8", "[AvgPool2d(2)]").Gives("B,2,4,4"),
                Use("x: B,2,7,7", "[AvgPool2d(3, Stride = 2, Padding = 1)]").Gives("B,2,4,4"),
            ],
            [
                Use("x: B,2,8,8", "[AvgPool2d(3, Padding = -1)]").Rejected("SD2003", "Padding must be at least 0 but is -1"),
                Use("x: B,2,8", "[AvgPool2d(2)]").Rejected("SD1001", "pool a rank-4 tensor"),
            ]),
        new("AdaptiveAvgPool1d",
            [
                Use("x: B,3,10", "[AdaptiveAvgPool1d(4)]").Gives("B,3,4"),
                Use("x: B,3,T", "[AdaptiveAvgPool1d(1)]").Gives("B,3,1"),
                Use("x: B,3,T", "[AdaptiveAvgPool1d(3)]").Gives("B,3,3"),
            ],
            [
                Use("x: B,3,10", "[AdaptiveAvgPool1d(0)]").Rejected("SD2003", "the output size must be at least 1 but is 0"),
                Use("x: B,3,4,4", "[AdaptiveAvgPool1d(2)]").Rejected("SD1001", "[B, channels, length]"),
            ]),
        new("AdaptiveAvgPool2d",
            [
                Use("x: B,3,5,5", "[AdaptiveAvgPool2d(1)]").Gives("B,3,1,1"),
                Use("x: B,3,H,W", "[AdaptiveAvgPool2d(1)]").Gives("B,3,1,1"),
                Use("x: B,3,4,4", "[AdaptiveAvgPool2d(2)]").Gives("B,3,2,2"),
                Use("x: B,3,5,7", "[AdaptiveAvgPool2d(3)]").Gives("B,3,3,3"),                                  // unequal bins
                Use("x: B,3,2,2", "[AdaptiveAvgPool2d(3)]").Gives("B,3,3,3"),                                  // more bins than positions
                Use("x: B,3,H,5", "[AdaptiveAvgPool2d(2)]").Gives("B,3,2,2"),                                  // bins computed when exporting
            ],
            [
                Use("x: B,3,4,4", "[AdaptiveAvgPool2d(0)]").Rejected("SD2003", "the output size must be at least 1 but is 0"),
                Use("x: B,3,8", "[AdaptiveAvgPool2d(1)]").Rejected("SD1001", "[B, channels, height, width]"),
            ]),
        new("GlobalAvgPool",
            [
                Use("x: B,3,4,5", "[GlobalAvgPool]").Gives("B,3"),
                Use("x: B,3,T", "[GlobalAvgPool]").Gives("B,3"),
            ],
            [Use("x: B,3", "[GlobalAvgPool]").Rejected("SD1001", "[B, channels, spatial…]", "before any Flatten")]),
        new("GlobalMaxPool",
            [
                Use("x: B,3,4,5", "[GlobalMaxPool]").Gives("B,3"),
                Use("x: B,3,T", "[GlobalMaxPool]").Gives("B,3"),
            ],
            [Use("x: B,3", "[GlobalMaxPool]").Rejected("SD1001", "[B, channels, spatial…]", "before any Flatten")]),
        new("BatchNorm1d",
            [
                Use("x: B,5", "[BatchNorm1d]").Gives("B,5"),
                Use("x: B,5,T", "[BatchNorm1d(Eps = 1e-3)]").Gives("B,5,T"),
            ],
            [
                Use("x: B,5", "[BatchNorm1d(Eps = 0)]").Rejected("SD2003", "Eps must be positive but is 0"),
                Use("x: B,5", "[BatchNorm1d(Momentum = 2)]").Rejected("SD2003", "Momentum must be in [0, 1] but is 2"),
                Use("x: B,3,4,4", "[BatchNorm1d]").Rejected("SD1001", "[B, features] or [B, channels, length]"),
            ]),
        new("BatchNorm2d",
            [Use("x: B,3,H,W", "[BatchNorm2d]").Gives("B,3,H,W")],
            [
                Use("x: B,3,4,4", "[BatchNorm2d(Eps = -1)]").Rejected("SD2003", "Eps must be positive but is -1"),
                Use("x: B,3,4", "[BatchNorm2d]").Rejected("SD1001", "[B, channels, height, width]"),
            ]),
        new("LayerNorm",
            [
                Use("x: B,T,6", "[LayerNorm]").Gives("B,T,6"),
                Use("x: B,6", "[LayerNorm(Eps = 1e-2)]").Gives("B,6"),
                // The input is read twice, so ExportOnnx declares the output's variable before choosing the form by opset.
                Use("x: B,6", "[LayerNorm]", "[Add(\"x\", \"layernorm_1\")]").Gives("B,6"),
            ],
            [Use("x: B,6", "[LayerNorm(Eps = 0)]").Rejected("SD2003", "Eps must be positive but is 0")]),
        new("GroupNorm",
            [
                Use("x: B,6,4,4", "[GroupNorm(3)]").Gives("B,6,4,4"),
                Use("x: B,4,T", "[GroupNorm(2, Eps = 1e-3)]").Gives("B,4,T"),
                Use("x: B,C,4", "[GroupNorm(1)]").Gives("B,C,4"),
            ],
            [
                Use("x: B,6,4,4", "[GroupNorm(4)]").Rejected("SD2003", "4 groups do not divide the 6 channels", "(1, 2, 3, 6)"),
                Use("x: B,6,4,4", "[GroupNorm(0)]").Rejected("SD2003", "the number of groups must be at least 1 but is 0"),
                Use("x: B,6,4,4", "[GroupNorm(2, Eps = 0)]").Rejected("SD2003", "Eps must be positive but is 0"),
                Use("x: B,C,4", "[GroupNorm(2)]").Rejected("SD1001", "a fixed number of channels that 2 groups divide"),
                Use("x: B,6", "[GroupNorm(2)]").Rejected("SD1001", "[B, channels, spatial…]", "use LayerNorm"),
            ]),
        Activation("ReLU"),
        new("LeakyReLU",
            [
                Use("x: B,3,5", "[LeakyReLU]").Gives("B,3,5"),
                Use("x: B,T", "[LeakyReLU(Slope = 0.2)]").Gives("B,T"),
            ],
            [
                Use("x: B,3", "[LeakyReLU(Slope = double.NaN)]").Rejected("SD2003", "Slope must be a finite number", "NaN"),
                Use("x: B,3", "[LeakyReLU(Slope = 1e39)]").Rejected("SD2003", "Slope must be a finite number", "1E+39"),
            ]),
        Activation("GELU"),
        Activation("SiLU"),
        Activation("Tanh"),
        Activation("Sigmoid"),
        new("ELU",
            [
                Use("x: B,3,5", "[ELU]").Gives("B,3,5"),
                Use("x: B,T", "[ELU(Alpha = 0.5)]").Gives("B,T"),
            ],
            [Use("x: B,3", "[ELU(Alpha = double.PositiveInfinity)]").Rejected("SD2003", "Alpha must be a finite number", "Infinity")]),
        Activation("Identity"),
        new("Softmax",
            [
                Use("x: B,3,5", "[Softmax]").Gives("B,3,5"),
                Use("x: B,3,5", "[Softmax(Dim = 1)]").Gives("B,3,5"),
            ],
            [Use("x: B,3,5", "[Softmax(Dim = 3)]").Rejected("SD1001", "use Dim between -3 and 2")]),
        new("LogSoftmax",
            [
                Use("x: B,3,5", "[LogSoftmax]").Gives("B,3,5"),
                Use("x: B,3,5", "[LogSoftmax(Dim = -3)]").Gives("B,3,5"),
            ],
            [Use("x: B,3,5", "[LogSoftmax(Dim = -4)]").Rejected("SD1001", "use Dim between -3 and 2")]),
        new("Dropout",
            [Use("x: B,5", "[Dropout(0.5)]").Gives("B,5")],
            [Use("x: B,5", "[Dropout(1.5)]").Rejected("SD2003", "must be in [0, 1) but is 1.5")]),
        new("Dropout2d",
            [
                Use("x: B,3,4,4", "[Dropout2d(0.5)]").Gives("B,3,4,4"),
                Use("x: B,3,L", "[Dropout2d(0.2)]").Gives("B,3,L"),
            ],
            [
                Use("x: B,3,4,4", "[Dropout2d(1)]").Rejected("SD2003", "must be in [0, 1) but is 1"),
                Use("x: B,6", "[Dropout2d(0.5)]").Rejected("SD1001", "[B, channels, height, width] or [B, channels, length]", "use Dropout"),
            ]),
        new("Flatten",
            [
                Use("x: B,2,3,4", "[Flatten]").Gives("B,24"),                                                   // 2·3·4
                Use("x: B,2,3,4", "[Flatten(StartDim = 2)]").Gives("B,2,12"),
                Use("x: B,2,T", "[Flatten]").Gives("B,2 * T"),
            ],
            [
                Use("x: B,6", "[Flatten(StartDim = 0)]").Rejected("SD2003", "StartDim must be at least 1"),
                Use("x: B,6", "[Flatten(StartDim = 2)]").Rejected("SD1001", "remove the Flatten or lower StartDim"),
            ]),
        new("Reshape",
            [
                Use("x: B,24", "[Reshape(\"B,2,3,4\")]").Gives("B,2,3,4"),
                Use("x: B,2,T", "[Reshape(\"B,T,2\")]").Gives("B,T,2"),
            ],
            [
                Use("x: B,24", "[Reshape(\"B\")]").Rejected("SD2003", "needs the batch dim and at least one more"),
                Use("x: B,24", "[Reshape(\"B,5,5\")]").Rejected("SD1004", "make the target's sizes multiply to the input's"),
                Use("x: B,24", "[Reshape(\"B,(4\")]").Rejected("SD2001", "B,(4"),
            ]),
        new("Permute",
            [
                Use("x: B,3,5", "[Permute(0, 2, 1)]").Gives("B,5,3"),
                Use("x: B,2,3,T", "[Permute(0, 3, 1, 2)]").Gives("B,T,2,3"),
            ],
            [
                Use("x: B,3,5", "[Permute(1, 0, 2)]").Rejected("SD2003", "the batch dim 0 must stay first"),
                Use("x: B,3,5", "[Permute(0, 2, 2)]").Rejected("SD2003", "must be a permutation of 0 … 2"),
                Use("x: B,3,5", "[Permute]").Rejected("SD2003", "give the new order of every dim"),
                Use("x: B,3,5", "[Permute(0, 3, 1, 2)]").Rejected("SD1001", "a rank-4 tensor", "all 3 dims"),
            ]),
        new("Upsample",
            [
                Use("x: B,3,4,5", "[Upsample(2)]").Gives("B,3,8,10"),
                Use("x: B,3,H,W", "[Upsample(2, Mode = Interpolation.Bilinear)]").Gives("B,3,2 * H,2 * W"),
                Use("x: B,2,L", "[Upsample(3)]").Gives("B,2,3 * L"),
                Use("x: B,2,2,3,4", "[Upsample(2, Mode = Interpolation.Nearest)]").Gives("B,2,4,6,8"),
            ],
            [
                Use("x: B,3,4,5", "[Upsample(0)]").Rejected("SD2003", "the scale must be at least 1 but is 0"),
                Use("x: B,3,4,5", "[Upsample(-2)]").Rejected("SD2003", "the scale must be at least 1 but is -2"),
                Use("x: B,3,4,5", "[Upsample(2, Mode = (Interpolation)7)]")
                    .Rejected("SD2003", "Mode must be Interpolation.Nearest or Interpolation.Bilinear but is 7"),
                Use("x: B,2,8", "[Upsample(2, Mode = Interpolation.Bilinear)]").Rejected("SD1001", "[B, channels, height, width] for Bilinear", "use Mode = Interpolation.Nearest"),
                Use("x: B,8", "[Upsample(2)]").Rejected("SD1001", "1 to 3 spatial dims", "before any Flatten"),
            ]),
        // PixelShuffle(r): [B, C·r², H, W] → [B, C, H·r, W·r].
        new("PixelShuffle",
            [
                Use("x: B,8,3,5", "[PixelShuffle(2)]").Gives("B,2,6,10"),
                Use("x: B,9,H,W", "[PixelShuffle(3)]").Gives("B,1,3 * H,3 * W"),
            ],
            [
                Use("x: B,6,4,4", "[PixelShuffle(2)]").Rejected("SD1001", "channels divisible by 2² = 4", "6 channels", "give the previous layer 8 output channels"),
                Use("x: B,C,4,4", "[PixelShuffle(2)]").Rejected("SD1001", "a fixed channel count divisible by 2² = 4"),
                Use("x: B,8,4", "[PixelShuffle(2)]").Rejected("SD1001", "[B, channels, height, width]"),
                Use("x: B,8,4,4", "[PixelShuffle(0)]").Rejected("SD2003", "the upscale factor must be at least 1 but is 0"),
            ]),
        new("Add",
            [
                Use("x: B,6", "[Linear(6, Name = \"a\")]", "[Add(\"x\", \"a\")]").Gives("B,6"),
                Use("x: B,6", "[Linear(6, Name = \"a\")]", "[Linear(6, From = \"x\", Name = \"b\")]", "[Add(\"x\", \"a\", \"b\")]").Gives("B,6"),
            ],
            [
                Use("x: B,6", "[Add(\"x\")]").Rejected("SD2003", "a merge needs at least two sources"),
                Use("x: B,6", "[Linear(4, Name = \"a\")]", "[Add(\"x\", \"a\")]").Rejected("SD1002", "dim 1 differs (6 vs 4)"),
            ]),
        new("Concat",
            [
                Use("x: B,4,6,6", "[Conv2d(8, Kernel = 3, Padding = 1, Name = \"c\")]", "[Concat(\"x\", \"c\")]").Gives("B,12,6,6"), // 4 + 8
                Use("x: B,5,3", "[Linear(4, Name = \"a\")]", "[Concat(\"x\", \"a\", Dim = -1)]").Gives("B,5,7"),                    // 3 + 4
            ],
            [
                Use("x: B,4,6,6", "[Conv2d(8, Kernel = 3, Name = \"c\")]", "[Concat(\"x\", \"c\")]").Rejected("SD1002", "dim 2 differs (6 vs 4)"),
                Use("x: B,6", "[Linear(6, Name = \"a\")]", "[Concat(\"x\", \"a\", Dim = 0)]").Rejected("SD1001", "dim 0 is the batch"),
            ]),
        new("Multiply",
            [
                Use("x: B,6", "[Linear(6, Name = \"a\")]", "[Multiply(\"x\", \"a\")]").Gives("B,6"),
                Use("x: B,T,6", "[Linear(6, Name = \"a\")]", "[Sigmoid(Name = \"b\")]", "[Multiply(\"x\", \"a\", \"b\")]").Gives("B,T,6"),
            ],
            [
                Use("x: B,6", "[Multiply(\"x\")]").Rejected("SD2003", "a merge needs at least two sources"),
                Use("x: B,6", "[Linear(4, Name = \"a\")]", "[Multiply(\"x\", \"a\")]").Rejected("SD1002", "dim 1 differs (6 vs 4)", "multiplied tensors"),
            ]),
        new("Embedding",
            [
                Use("tokens: int64[B,T]", "[Embedding(100, 16)]").Gives("B,T,16"),
                Use("tokens: int64[B,7]", "[Embedding(5, 3)]").Gives("B,7,3"),
            ],
            [
                Use("x: B,T", "[Embedding(100, 16)]").Rejected("SD1001", "integer token ids", "float32[B, T]", "int64[B,T]"),
                Use("tokens: int64[B,T]", "[Embedding(0, 16)]").Rejected("SD2003", "vocabulary size must be at least 1 but is 0"),
            ]),
        Recurrent("LSTM"),
        Recurrent("GRU"),
        Recurrent("RNN"),
        new("PositionalEncoding",
            [
                Use("x: B,T,16", "[PositionalEncoding]").Gives("B,T,16"),
                Use("tokens: int64[B,10]", "[Embedding(50, 8)]", "[PositionalEncoding(MaxLength = 10)]").Gives("B,10,8"),
            ],
            [
                Use("x: B,T,15", "[PositionalEncoding]").Rejected("SD2003", "width 15", "must be even"),
                Use("x: B,12,8", "[PositionalEncoding(MaxLength = 10)]").Rejected("SD2003", "12 steps but MaxLength = 10", "at least 12"),
                Use("x: B,T", "[PositionalEncoding]").Rejected("SD1001", "[B, T, features]", "Embedding"),
            ]),
        new("GcnConv",
            [
                Use("x: B,N,5; adj: B,N,N", "[GcnConv(8, Adjacency = \"adj\")]").Gives("B,N,8"),
                Use("x: B,4,5; adj: B,4,4", "[GcnConv(3, Adjacency = \"adj\", AddSelfLoops = false, Normalize = false)]", "[GcnConv(2, Adjacency = \"adj\")]").Gives("B,4,2"),
            ],
            [
                Use("x: B,N,5; adj: B,M,M", "[GcnConv(8, Adjacency = \"adj\")]").Rejected("SD1002", "[B, N, 5]", "[B, M, M]", "must be [B, N, N]"),
                Use("x: B,N,5; adj: B,N", "[GcnConv(8, Adjacency = \"adj\")]").Rejected("SD1002", "adjacency has rank 2"),
                Use("x: B,N,5; adj: B,N,N", "[GcnConv(8, Adjacency = \"adjj\")]").Rejected("SD2002", "adjj", "did you mean 'adj'?"),
                Use("x: B,N,5; adj: B,N,N", "[GcnConv(8)]").Rejected("SD2003", "Adjacency is required"),
                Use("x: B,5; adj: B,N,N", "[GcnConv(8, Adjacency = \"adj\")]").Rejected("SD1001", "node features [B, nodes, features]", "x: B,N,16; adj: B,N,N"),
            ]),
        new("GraphSageConv",
            [
                Use("x: B,N,5; adj: B,N,N", "[GraphSageConv(8, Adjacency = \"adj\")]").Gives("B,N,8"),
                Use("x: B,4,5; adj: B,4,4", "[GraphSageConv(3, Adjacency = \"adj\", Aggregate = NeighbourAggregation.Sum)]").Gives("B,4,3"),
            ],
            [
                Use("x: B,6,5; adj: B,5,5", "[GraphSageConv(8, Adjacency = \"adj\")]").Rejected("SD1002", "not 6×6 for the 6 nodes"),
                Use("x: B,N,5; adj: B,N,N", "[GraphSageConv(0, Adjacency = \"adj\")]").Rejected("SD2003", "output width must be at least 1"),
                Use("x: B,N,5,2; adj: B,N,N", "[GraphSageConv(8, Adjacency = \"adj\")]").Rejected("SD1001", "[B, N, F]"),
            ]),
        new("NodeMeanPool",
            [Use("x: B,N,5", "[NodeMeanPool]").Gives("B,5"), Use("x: B,7,3", "[NodeMeanPool]").Gives("B,3")],
            [Use("x: B,5", "[NodeMeanPool]").Rejected("SD1001", "node features [B, nodes, features]")]),
        new("NodeMaxPool",
            [Use("x: B,N,5", "[NodeMaxPool]").Gives("B,5")],
            [Use("x: B,2,3,4", "[NodeMaxPool]").Rejected("SD1001", "node features [B, nodes, features]")]),
        new("Reparameterize",
            [
                Use("x: B,8", "[Linear(4, Name = \"mu\")]", "[Linear(4, From = \"x\", Name = \"logvar\")]", "[Reparameterize(From = \"mu,logvar\")]").Gives("B,4"),
            ],
            [
                Use("x: B,8", "[Linear(4, Name = \"mu\")]", "[Linear(3, From = \"x\", Name = \"logvar\")]", "[Reparameterize(From = \"mu,logvar\")]")
                    .Rejected("SD1002", "[B, 4] from Linear(4", "[B, 3] from Linear(3", "equal shapes"),
                Use("x: B,8", "[Linear(4, Name = \"mu\")]", "[Reparameterize]").Rejected("SD2003", "From = \"mu,logvar\""),
            ]),
        // The block is the model the input belongs to: its class ends on the second row, where Net's [Model] begins.
        new("Use",
            [
                Use("x: B,C", "[Linear(4)]", "public partial class Block; [Model(\"x: B,6\")]", "[Use(typeof(Block))]").Gives("B,4"),
                Use("x: B,C,L", "[Conv1d(4, Kernel = 3)]", "public partial class Block; [Model(\"x: B,2,9\")]", "[Use(typeof(Block), Repeat = 2)]")
                    .Gives("B,4,5"),                                                                                 // 9 − 2 − 2
            ],
            [], BlockRejections),
        new("Residual",
            [
                Use("x: B,C", "[Linear(6)]", "public partial class Block; [Model(\"x: B,6\")]", "[Residual(typeof(Block), Repeat = 3)]").Gives("B,6"),
            ],
            [], BlockRejections),
        // The declared shape is the output; its symbols are the model inputs' (a block's, bound where it is used).
        new("Lambda",
            [
                Use("x: B,6", Methods("TorchSharp.torch.Tensor Twice(TorchSharp.torch.Tensor x) => x * 2;"), "[Lambda(nameof(Twice), \"B,6\")]").Gives("B,6"),
                Use("x: B,C,T", Methods(Pair), "[Lambda(nameof(Pair), \"B,C*2,T\")]").Gives("B,2 * C,T"),
                Use("x: B,4", Methods(Pair), "[Linear(3)]", "[Lambda(nameof(Pair), \"B,6\", Name = \"pair\")]", "[Linear(2)]").Gives("B,2"),
                Use("x: B,C,T", "public partial class Block { " + Pair + " }", "[Lambda(nameof(Pair), \"B,C*2,T\")]",
                    "public partial class Block; [Model(\"x: B,3,5\")]", "[Use(typeof(Block))]").Gives("B,6,5"),               // C = 3 at the use
            ],
            [
                Use("x: B,6", "[Lambda(\"Missing\", \"B,6\")]").Rejected("SD2002", "refers to 'Missing', which is not a method of Net",
                    "declare Tensor Missing(Tensor x)"),
                Use("x: B,6", Methods("static int Count(TorchSharp.torch.Tensor x) => 1;"), "[Lambda(nameof(Count), \"B,6\")]")
                    .Rejected("SD2003", "Count must be declared as Tensor Count(Tensor x)", "but is static int Count(Tensor x)"),
                Use("x: B,6", Methods("TorchSharp.torch.Tensor Scale(TorchSharp.torch.Tensor x, int k) => x * k;"), "[Lambda(nameof(Scale), \"B,6\")]")
                    .Rejected("SD2003", "Scale must be declared as Tensor Scale(Tensor x)", "but is Tensor Scale(Tensor x, int k)"),
                Use("x: B,6", Methods(Pair), "[Lambda(nameof(Pair), \"B,K\")]")
                    .Rejected("SD2003", "uses K, which no model input binds", "x: [B, 6]", "with B and integers"),
                Use("x: B,6", Methods(Pair), "[Lambda(nameof(Pair), \"B,12)\")]").Rejected("SD2001", "the declared output shape of Lambda", "unexpected ')'"),
                Use("x: B,6", Methods(Pair), "[Lambda(nameof(Pair), \"B,0\")]").Rejected("SD2003", "non-positive size 0"),
            ]),
        // Self-attention keeps [B, T, D]: D = heads × head width.
        new("MultiHeadAttention",
            [
                Use("x: B,T,8", "[MultiHeadAttention(2)]").Gives("B,T,8"),
                Use("x: B,5,12", "[MultiHeadAttention(4, Causal = true)]").Gives("B,5,12"),
                Use("x: B,T,D", "[MultiHeadAttention(1)]").Gives("B,T,D"),
                Use("x: B,T,8; memory: B,S,8", "[MultiHeadAttention(2, KeyValue = \"memory\")]").Gives("B,T,8"),
                Use("x: B,3,12; memory: B,7,12", "[MultiHeadAttention(4, KeyValue = \"memory\")]").Gives("B,3,12"),
            ],
            [
                Use("x: B,T,10", "[MultiHeadAttention(4)]").Rejected("SD2003", "4 heads do not divide the width 10", "(1, 2, 5, 10)"),
                Use("x: B,T,8", "[MultiHeadAttention(0)]").Rejected("SD2003", "the number of heads must be at least 1 but is 0"),
                Use("x: B,T,D", "[MultiHeadAttention(2)]").Rejected("SD1001", "a fixed width that 2 heads divide"),
                Use("x: B,8", "[MultiHeadAttention(2)]").Rejected("SD1001", "[B, T, width]", "sequence dim"),
                Use("x: B,3,4,8", "[MultiHeadAttention(2)]").Rejected("SD1001", "[B, T, width]", "Permute"),
                Use("x: B,T,8; memory: B,S,6", "[MultiHeadAttention(2, KeyValue = \"memory\")]")
                    .Rejected("SD1002", "queries [B, T, 8] from input 'x'", "keys/values [B, S, 6] from input 'memory'", "the width differs (8 vs 6)", "[Linear(8)]"),
                Use("x: B,T,8; memory: C,S,8", "[MultiHeadAttention(2, KeyValue = \"memory\")]").Rejected("SD1002", "the batch differs (B vs C)"),
                Use("x: B,T,8; memory: B,8", "[MultiHeadAttention(2, KeyValue = \"memory\")]").Rejected("SD1002", "the keys and values have rank 2"),
                Use("x: B,T,8; memory: B,S,8", "[MultiHeadAttention(2, KeyValue = \"memroy\")]").Rejected("SD2002", "memroy", "did you mean 'memory'?"),
                Use("x: B,T,8; memory: B,S,8", "[MultiHeadAttention(2, KeyValue = \"\")]").Rejected("SD2003", "KeyValue is required"),
                Use("x: B,T,8; memory: B,S,8", "[MultiHeadAttention(2, Causal = true, KeyValue = \"memory\")]").Rejected("SD2003", "Causal does not apply with KeyValue"),
            ]),
        new("TransformerEncoder",
            [
                Use("x: B,T,8", "[TransformerEncoder(2, 4)]").Gives("B,T,8"),
                Use("tokens: int64[B,6]", "[Embedding(20, 12)]", "[TransformerEncoder(1, 3, FeedForward = 24, Dropout = 0)]").Gives("B,6,12"),
            ],
            [
                Use("x: B,T,10", "[TransformerEncoder(2, 4)]").Rejected("SD2003", "4 heads do not divide the width 10", "(1, 2, 5, 10)"),
                Use("x: B,T,8", "[TransformerEncoder(0, 2)]").Rejected("SD2003", "the number of layers must be at least 1 but is 0"),
                Use("x: B,T,8", "[TransformerEncoder(1, 2, FeedForward = 0)]").Rejected("SD2003", "FeedForward must be at least 1 but is 0"),
                Use("x: B,T,8", "[TransformerEncoder(1, 2, Dropout = 1)]").Rejected("SD2003", "the dropout probability must be in [0, 1) but is 1"),
                Use("x: B,T,D", "[TransformerEncoder(1, 1)]").Rejected("SD1001", "a fixed width", "declare the width as a number"),
                Use("x: B,8", "[TransformerEncoder(1, 2)]").Rejected("SD1001", "[B, T, width]", "sequence dim"),
            ]),
        new("TransformerDecoder",
            [
                Use("x: B,T,8; memory: B,S,8", "[TransformerDecoder(2, 4, Memory = \"memory\")]").Gives("B,T,8"),
                Use("x: B,5,6; memory: B,9,3", "[Linear(6, From = \"memory\", Name = \"encoded\")]",
                    "[TransformerDecoder(1, 3, Memory = \"encoded\", FeedForward = 12, Dropout = 0, From = \"x\")]").Gives("B,5,6"),
            ],
            [
                Use("x: B,T,8; memory: B,S,6", "[TransformerDecoder(1, 2, Memory = \"memory\")]")
                    .Rejected("SD1002", "keys/values [B, S, 6] from input 'memory'", "the width differs (8 vs 6)"),
                Use("x: B,T,8; memory: C,S,8", "[TransformerDecoder(1, 2, Memory = \"memory\")]").Rejected("SD1002", "the batch differs (B vs C)"),
                Use("x: B,T,8; memory: B,S,8", "[TransformerDecoder(1, 2)]").Rejected("SD2003", "Memory is required"),
                Use("x: B,T,8; memory: B,S,8", "[TransformerDecoder(1, 2, Memory = \"memroy\")]").Rejected("SD2002", "memroy", "did you mean 'memory'?"),
                Use("x: B,T,10; memory: B,S,10", "[TransformerDecoder(1, 4, Memory = \"memory\")]").Rejected("SD2003", "4 heads do not divide the width 10"),
                Use("x: B,T,8; memory: B,S,8", "[TransformerDecoder(0, 2, Memory = \"memory\")]").Rejected("SD2003", "the number of layers must be at least 1 but is 0"),
                Use("x: B,T,8; memory: B,S,8", "[TransformerDecoder(1, 2, Memory = \"memory\", Dropout = 1)]").Rejected("SD2003", "the dropout probability must be in [0, 1)"),
                Use("x: B,T,D; memory: B,S,D", "[TransformerDecoder(1, 1, Memory = \"memory\")]").Rejected("SD1001", "a fixed width"),
            ]),
    ];

    /// <summary>A rejected use of a block still generates the valid block, which a rejection row forbids.</summary>
    /// <summary>
    /// A first part of Net declaring methods: the [Model] line attaches to it, the layer rows that follow to the last
    /// part, and C# merges both parts' attributes in source order.
    /// </summary>
    private static string Methods(string body) => "public partial class Net { " + body + " }";

    /// <summary>Doubles the channels: [B, C, …] to [B, 2·C, …].</summary>
    private const string Pair = "static TorchSharp.torch.Tensor Pair(TorchSharp.torch.Tensor x) => TorchSharp.torch.cat([x, x], 1);";

    private const string BlockRejections = "a rejected use of a valid block still generates the block: CompositionDiagnosticsTests covers them";

    /// <summary>LSTM, GRU and RNN share their arguments and shape rule: H·dirs features, per step or final.</summary>
    private static LayerKindRows Recurrent(string kind) =>
        new(kind,
            [
                Use("x: B,T,3", $"[{kind}(8)]").Gives("B,8"),
                Use("x: B,T,3", $"[{kind}(8, ReturnSequences = true)]").Gives("B,T,8"),
                Use("x: B,12,3", $"[{kind}(8, Layers = 2, Bidirectional = true)]").Gives("B,16"),                        // 2 directions · 8
                Use("x: B,T,3", $"[{kind}(8, Bidirectional = true, ReturnSequences = true)]", "[Linear(5)]").Gives("B,T,5"),
            ],
            [
                Use("x: B,3", $"[{kind}(8)]").Rejected("SD1001", "[B, T, features]", "no time axis", "Reshape"),
                Use("x: B,1,28,28", $"[{kind}(8)]").Rejected("SD1001", "[B, T, features]", "an image", "Flatten(StartDim = 2)", "Permute"),
                Use("tokens: int64[B,T]", $"[{kind}(8)]").Rejected("SD1001", "float32 [B, T, features]", "Embedding"),
                Use("x: B,T,3", $"[{kind}(0)]").Rejected("SD2003", "hidden size must be at least 1 but is 0"),
                Use("x: B,T,3", $"[{kind}(8, Layers = 0)]").Rejected("SD2003", "Layers must be at least 1 but is 0"),
                Use("x: B,T,3", $"[{kind}(8, ReturnSequences = true)]", "[Linear(5, In = 6)]").Rejected("SD1004", "In = 6", "write In = 8"),
            ]);
}
