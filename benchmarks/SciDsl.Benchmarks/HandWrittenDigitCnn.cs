using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using SciDsl.Samples.Digits;

namespace SciDsl.Benchmarks;

/// <summary>
/// <see cref="DigitCnn"/> written by hand: same layers, same registration order, no shape guard.
/// The baseline that isolates what the generated code adds.
/// </summary>
public sealed class HandWrittenDigitCnn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv2d_1 = nn.Conv2d(1, 32, kernel_size: 3, padding: 1);
    private readonly ReLU relu_1 = nn.ReLU();
    private readonly MaxPool2d maxpool2d_1 = nn.MaxPool2d(2);
    private readonly Conv2d conv2 = nn.Conv2d(32, 64, kernel_size: 3, padding: 1);
    private readonly ReLU relu_2 = nn.ReLU();
    private readonly MaxPool2d maxpool2d_2 = nn.MaxPool2d(2);
    private readonly Flatten flatten_1 = nn.Flatten();
    private readonly Linear linear_1 = nn.Linear(256, 128);
    private readonly ReLU relu_3 = nn.ReLU();
    private readonly Dropout dropout_1 = nn.Dropout(0.25);
    private readonly Linear linear_2 = nn.Linear(128, 10);

    public HandWrittenDigitCnn() : base(nameof(HandWrittenDigitCnn))
    {
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = conv2d_1.forward(x);
        x = relu_1.forward(x);
        x = maxpool2d_1.forward(x);
        x = conv2.forward(x);
        x = relu_2.forward(x);
        x = maxpool2d_2.forward(x);
        x = flatten_1.forward(x);
        x = linear_1.forward(x);
        x = relu_3.forward(x);
        x = dropout_1.forward(x);
        x = linear_2.forward(x);
        return x;
    }
}
