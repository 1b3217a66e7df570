using SciDsl.Samples.Digits;
using TorchSharp;

var model = new DigitCnn();
Console.WriteLine(model.Summary());
model.eval();
var y = model.forward(torch.randn(7, 1, 8, 8));
Console.WriteLine(string.Join(",", y.shape));
model.ExportOnnx("digits.onnx");
