namespace SciDsl;

/// <summary>
/// One task of multitask training (<see cref="MultiTaskTrainer"/>): which model output predicts it, from which columns of
/// the data set's value targets, with which loss and weight.
/// </summary>
/// <param name="Name">The output's name; the task's metrics are <c>val_&lt;Name&gt;_&lt;metric&gt;</c>.</param>
/// <param name="Loss"><see cref="SciDsl.Loss.CrossEntropy"/> (one column of class indices; the output's width is the class count), or <see cref="SciDsl.Loss.MSE"/>, <see cref="SciDsl.Loss.L1"/>, <see cref="SciDsl.Loss.Huber"/> (the output is as wide as the columns).</param>
/// <param name="FirstColumn">The first target column of the task; <paramref name="ColumnCount"/> columns from there.</param>
/// <param name="Weight">The task loss's weight in the summed loss, finite and &gt; 0.</param>
public sealed record TrainingTask(string Name, Loss Loss, int FirstColumn, int ColumnCount = 1, double Weight = 1.0)
{
    /// <summary>Throws <see cref="ArgumentException"/> when the task cannot work with <paramref name="targetColumns"/> target columns.</summary>
    public void Validate(int targetColumns)
    {
        string problem =
            string.IsNullOrWhiteSpace(Name) ? "has no name" :
            Loss is not (Loss.CrossEntropy or Loss.MSE or Loss.L1 or Loss.Huber) ? $"has Loss.{Loss}; a task takes Loss.CrossEntropy, MSE, L1 or Huber" :
            !(Weight > 0) || double.IsInfinity(Weight) ? $"has weight {Weight}; it must be finite and > 0" :
            ColumnCount <= 0 || FirstColumn < 0 || FirstColumn + ColumnCount > targetColumns
                ? $"takes target columns {FirstColumn}..{FirstColumn + ColumnCount}, but the data set has {targetColumns} (0..{targetColumns})" :
            Loss == Loss.CrossEntropy && ColumnCount != 1 ? $"is classified from {ColumnCount} columns; a cross-entropy task takes one column of class indices" :
            "";
        if (problem.Length > 0) throw new ArgumentException($"Task '{Name}' {problem}.", nameof(targetColumns));
    }
}
