using TorchSharp;
using TorchSharp.Modules;

namespace SciDsl;

/// <summary>
/// Mean teacher (Tarvainen and Valpola, 2017): the student learns the labelled cross-entropy plus λ(epoch) × the mean
/// squared difference between its class probabilities and the teacher's, each on its own augmented view of every
/// sample of the step (labelled and unlabelled), both in training mode (dropout is part of the noise). After each step
/// the teacher's weights move to an exponential moving average of the student's. The teacher is the model the run
/// returns and validates, so it comes first in <see cref="Modules"/>; the checkpoint holds both.
/// </summary>
internal sealed class MeanTeacherParadigm(
    TrainConfig config,
    torch.nn.Module<torch.Tensor, torch.Tensor> teacher,
    torch.nn.Module<torch.Tensor, torch.Tensor> student,
    DataSplit split,
    torch.Tensor unlabelled,
    SemiSupervisedSettings settings,
    IAugmentation studentView,
    IAugmentation teacherView,
    OptimizerHelper optimizer,
    SupervisedParadigm teacherValidation) : SemiSupervisedParadigm(config, split, unlabelled, settings, teacherValidation)
{
    public override IReadOnlyList<torch.nn.Module> Modules { get; } = [teacher, student];
    public override IReadOnlyList<OptimizerHelper> Optimizers { get; } = [optimizer];

    /// <summary>Copies the student's weights into the teacher and takes the teacher out of back-propagation.</summary>
    public static void StartTeacher(torch.nn.Module teacher, torch.nn.Module student)
    {
        using var noGrad = torch.no_grad();
        foreach (var (teacherWeight, studentWeight) in teacher.parameters().Zip(student.parameters()))
        {
            teacherWeight.copy_(studentWeight);
            teacherWeight.requires_grad = false;
        }
        foreach (var (teacherBuffer, studentBuffer) in teacher.buffers().Zip(student.buffers())) teacherBuffer.copy_(studentBuffer);
    }

    /// <summary>The EMA decay of a 1-based global step: min(decay, 1 − 1/step), so the first steps follow the student closely.</summary>
    public static double DecayAt(long step, double decay) => Math.Min(decay, 1 - 1.0 / step);

    public override BatchResult TrainStep(SemiSupervisedBatch batch, TrainingStep step)
    {
        var (labelledFeatures, targets, unlabelledFeatures) = Select(batch);
        using var generator = AugmentationGenerator(step);
        var samples = torch.cat([labelledFeatures, unlabelledFeatures], 0);
        var studentOutput = student.forward(studentView.Apply(samples, generator));
        torch.Tensor teacherProbabilities;
        using (torch.no_grad()) teacherProbabilities = torch.nn.functional.softmax(teacher.forward(teacherView.Apply(samples, generator)), 1);

        var labelledOutput = studentOutput.narrow(0, 0, batch.Labelled.Length);
        var consistency = torch.nn.functional.mse_loss(torch.nn.functional.softmax(studentOutput, 1), teacherProbabilities);
        double loss = step.Minimise(optimizer, LabelledLoss(labelledOutput, targets) + UnlabelledWeight * consistency, student.parameters());
        UpdateTeacher(DecayAt((long)(step.Epoch - 1) * TrainBatchCount + step.Batch, Settings.EmaDecay));
        return new BatchResult(loss, batch.Labelled.Length, Correct(labelledOutput, targets));
    }

    private void UpdateTeacher(double decay)
    {
        using var noGrad = torch.no_grad();
        foreach (var (teacherWeight, studentWeight) in teacher.parameters().Zip(student.parameters()))
            teacherWeight.mul_(decay).add_(studentWeight, alpha: 1 - decay);
        foreach (var (teacherBuffer, studentBuffer) in teacher.buffers().Zip(student.buffers())) teacherBuffer.copy_(studentBuffer);
    }
}
