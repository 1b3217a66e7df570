using System.Diagnostics;
using System.Globalization;
using SciDsl;
using SciDsl.Interpretability;
using SciDsl.Interpretability.Pictures;
using SciDsl.Samples;
using SciDsl.Samples.Digits;
using TorchSharp;
using static TorchSharp.torch;

// Explains the digits CNN: attribution maps for right and wrong predictions, how similar the layers of two
// independently trained models are (linear CKA), and two checks that the attributions mean something —
// Integrated Gradients' completeness and the model-randomisation sanity check (Adebayo et al., 2018).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var clock = Stopwatch.StartNew();
const long TrainCount = 1437;
var data = new DigitImages().Load();
var (trainX, trainY) = (data.Features[..(int)TrainCount], data.Targets[..(int)TrainCount]);
var (testX, testY) = (data.Features[(int)TrainCount..], data.Targets[(int)TrainCount..]);
var model = Train(seed: 1);
var twin = Train(seed: 2);

Tensor predicted;
using (no_grad())
    predicted = model.forward(testX).argmax(1);
var correct = predicted.eq(testY);
double accuracy = correct.to(ScalarType.Float64).mean().item<double>();
Console.WriteLine($"held-out accuracy: {accuracy:P1} on {testX.shape[0]} images (the last 360 of the file)");

// 1. Saliency, Integrated Gradients, Grad-CAM and occlusion for four right and four wrong predictions, each explained for the
//    class the model predicted.
var right = correct.nonzero().squeeze(1)[..4];
var wrong = correct.logical_not().nonzero().squeeze(1);
wrong = wrong[..(int)Math.Min(4, wrong.shape[0])];
var shown = cat(new[] { right, wrong });
var images = testX.index_select(0, shown);
var targets = predicted.index_select(0, shown).data<long>().ToArray();
var labels = testY.index_select(0, shown).data<long>().ToArray();
var saliency = PerImage((x, t) => Saliency.Compute(model, x, t));
var integrated = targets.Select((t, i) => IntegratedGradients.Compute(model, images.narrow(0, i, 1), t, steps: 64)).ToArray();
var occlusion = PerImage((x, t) => Occlusion.Compute(model, x, t, window: [1, 2, 2], stride: [1, 1, 1]));
var gradCam = PerImage((x, t) => GradCam.Compute(model, x, t, "conv2").unsqueeze(1)); // [1, H, W] -> the input's [1, 1, H, W]
var rowLabels = labels.Select((label, i) => $"{(label == targets[i] ? "right" : "wrong")}: {label} as {targets[i]}").ToArray();
var grid = AttributionGrid.Write(Path.GetFullPath("pictures"), "Digits CNN attributions for right and wrong predictions", images,
    [("Saliency", saliency), ("Integrated Gradients", cat(integrated.Select(r => r.Attributions).ToArray())), ("Grad-CAM (conv2)", gradCam), ("Occlusion 2x2", occlusion)],
    rowLabels);
Console.WriteLine($"attribution grid ({right.shape[0]} right, {wrong.shape[0]} wrong): {grid}");

// 2. Completeness: Σ IG attributions against f(x) − f(baseline), relative to the gap.
double completenessError = 0;
for (int i = 0; i < targets.Length; i++)
{
    double gap;
    using (no_grad())
        gap = (model.forward(images.narrow(0, i, 1)) - model.forward(zeros_like(images.narrow(0, i, 1))))[0, targets[i]].item<float>();
    completenessError = Math.Max(completenessError, Math.Abs(integrated[i].Delta.item<double>()) / Math.Abs(gap));
}
Console.WriteLine($"IG completeness error (64 steps): {completenessError:P2} at most over the {targets.Length} images");

// 3. Model randomisation: saliency of the trained model against the same architecture re-initialised, and against
//    the twin trained from another seed (mean Spearman over the images).
torch.manual_seed(1234);
var randomised = new DigitCnn();
randomised.eval();
double vsRandom = MeanSpearman(saliency, PerImage((x, t) => Saliency.Compute(randomised, x, t)));
double vsTwin = MeanSpearman(saliency, PerImage((x, t) => Saliency.Compute(twin, x, t)));
Console.WriteLine($"sanity check, saliency rank correlation: trained vs re-initialised {vsRandom:F3}, trained vs trained from another seed {vsTwin:F3}");

// 4. Linear CKA between the layers of the two trained models on the held-out images.
string[] layers = ["conv2d_1", "conv2", "linear_1", "linear_2"];
var ownCaptured = model.Activations(testX, layers);
var twinCaptured = twin.Activations(testX, layers);
var ownActivations = layers.Select(layer => ownCaptured[layer]).ToArray();
var twinActivations = layers.Select(layer => twinCaptured[layer]).ToArray();
var cka = new double[layers.Length, layers.Length];
for (int a = 0; a < layers.Length; a++)
    for (int b = 0; b < layers.Length; b++)
        cka[a, b] = LinearCka.Compute(ownActivations[a], twinActivations[b]);
var heatmap = SimilarityHeatmap.Write(Path.GetFullPath("pictures"), "Linear CKA between the layers of two digits CNNs", cka,
    layers, layers, "model trained from seed 1", "model trained from seed 2");
double sameLayer = Enumerable.Range(0, layers.Length).Average(i => cka[i, i]);
Console.WriteLine($"linear CKA, same layer across seeds: {string.Join(", ", layers.Select((l, i) => $"{l} {cka[i, i]:F3}"))}");
Console.WriteLine($"CKA heatmap: {heatmap}");
Console.WriteLine($"total time {clock.Elapsed.TotalSeconds:F1} s");

var misses = new List<string>();
if (accuracy < 0.85) misses.Add($"held-out accuracy {accuracy:P1} < 85 %");
if (completenessError > 0.01) misses.Add($"IG completeness error {completenessError:P2} > 1 %");
if (vsRandom > 0.5) misses.Add($"saliency correlation with the re-initialised model {vsRandom:F3} > 0.5");
if (vsTwin < vsRandom + 0.2) misses.Add($"saliency correlation with the twin {vsTwin:F3} not 0.2 above the re-initialised one {vsRandom:F3}");
if (sameLayer < 0.6) misses.Add($"mean same-layer CKA {sameLayer:F3} < 0.6");
foreach (var picture in new[] { grid, heatmap })
    if (!File.Exists(picture)) misses.Add($"no picture at {picture}");
foreach (var miss in misses)
    Console.Error.WriteLine($"missed: {miss}");
return misses.Count == 0 ? 0 : 1;

// Adam at 2e-3, batches of 32, 6 epochs over the first 1,437 images.
DigitCnn Train(int seed)
{
    Console.WriteLine($"training the digits CNN from seed {seed}");
    torch.manual_seed(seed);
    var cnn = new DigitCnn();
    MiniBatchTraining.Run(cnn, TrainCount, epochs: 6, batchSize: 32, learningRate: 2e-3, seed: seed,
        rows => nn.functional.cross_entropy(cnn.forward(trainX.index_select(0, rows)), trainY.index_select(0, rows)));
    return cnn;
}

Tensor PerImage(Func<Tensor, long, Tensor> attribute) =>
    cat(targets.Select((t, i) => attribute(images.narrow(0, i, 1), t)).ToArray());

static double MeanSpearman(Tensor a, Tensor b) =>
    Enumerable.Range(0, (int)a.shape[0]).Average(i =>
        SpearmanCorrelation.Compute(
            a[i].flatten().to(ScalarType.Float64).data<double>().ToArray(),
            b[i].flatten().to(ScalarType.Float64).data<double>().ToArray()) ?? 0);
