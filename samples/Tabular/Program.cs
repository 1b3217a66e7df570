using System.Diagnostics;
using System.Globalization;
using SciDsl;
using SciDsl.Samples.Tabular;
using TorchSharp;

// Diabetes progression from ten baseline variables: a small MLP against a linear baseline on the same held-out patients.
var clock = Stopwatch.StartNew();
var options = new TrainOptions { Progress = ProgressMode.None };
TrainingResult<DiabetesMlp> mlp;
TrainingResult<DiabetesLinear> linear;
try
{
    mlp = new DiabetesMlpExperiment().Run(options);
    linear = new DiabetesLinearExperiment().Run(options);
}
catch (Exception e) when (e is IOException or DataFormatException or DataShapeException or TrainingDivergedException or InvalidDataException)
{
    Console.Error.WriteLine($"training failed: {e.Message}");
    return 2;
}

var rows = new[]
{
    Row("MLP 10-32-16-1", mlp.Test!, mlp.BestEpoch, mlp.History.Count, TabularBars.MlpR2),
    Row("linear", linear.Test!, linear.BestEpoch, linear.History.Count, TabularBars.LinearR2),
};
var records = new DiabetesRecords().Load();
var rawTest = records.TestPart(DiabetesMlpExperiment.Config, nameof(DiabetesRecords));
Console.WriteLine($"test patients: {rawTest.Targets.shape[0]} of {records.Targets.shape[0]}, never seen in training or model selection; MAE in progression units");
Console.WriteLine($"{"model",-16} {"epochs (best)",14} {"test R²",8} {"test MAE",9} {"bar R²",7}");
foreach (var row in rows) Console.WriteLine(row.Text);

// The saved model takes raw records: the normalisation fitted on the training split travels beside the checkpoint.
var reloaded = Predictor.Load(() => new DiabetesMlp(), mlp.CheckpointPath).Predict(rawTest.Features);
double reloadedR2 = TabularBars.RSquared(reloaded.Outputs, rawTest.Targets);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"reloaded MLP on raw test records: R² {reloadedR2:F3} (from {mlp.CheckpointPath})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {clock.Elapsed.TotalSeconds:F1} s"));

bool reloadAgrees = Math.Abs(reloadedR2 - mlp.Test!.Metrics["r2"]) < 1e-4;
if (!reloadAgrees) Console.Error.WriteLine("the reloaded predictor disagrees with the trained model");
return rows.All(row => row.MeetsBar) && reloadAgrees ? 0 : 1;

static (string Text, bool MeetsBar) Row(string name, Evaluation test, int? bestEpoch, int epochs, double bar)
{
    double r2 = test.Metrics["r2"], mae = test.Metrics["mae"] * DiabetesRecords.TargetScale;
    bool meets = r2 >= bar;
    return (string.Create(CultureInfo.InvariantCulture,
        $"{name,-16} {$"{epochs} ({bestEpoch})",14} {r2,8:F3} {mae,9:F1} {bar,7:F2}{(meets ? "" : "  MISSED")}"), meets);
}
