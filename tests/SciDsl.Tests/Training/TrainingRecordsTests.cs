using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace SciDsl.Tests.Training;

/// <summary>What a run writes besides its checkpoint when asked: the curves picture and TensorBoard event files.</summary>
public sealed class TrainingRecordsTests : IDisposable
{
    private static readonly TrainConfig IrisConfig = new(Loss.CrossEntropy, Optim.Adam, LearningRate: 0.01, Epochs: 3, BatchSize: 16, Seed: 1);
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_curves_picture_is_a_png_beside_the_checkpoint_identical_for_the_same_history_and_different_for_another()
    {
        var options = new TrainOptions { CheckpointPath = temp.File("iris.ckpt"), Progress = ProgressMode.None, CurvesPicture = true };
        var result = SupervisedTrainer.Run(IrisConfig, () => new Mlp(4, 16, 3), new IrisData(), IrisData.Signature, options);

        string written = temp.File("iris.curves.png");
        Assert.Equal(written, TrainingCurves.PathBeside(result.CheckpointPath));
        byte[] png = File.ReadAllBytes(written);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        using (var bitmap = SKBitmap.Decode(png))
        {
            // Two panels (losses; accuracy and validation metrics) of 600 × 420.
            Assert.Equal((1200, 420), (bitmap.Width, bitmap.Height));
        }
        Assert.Equal(png, File.ReadAllBytes(TrainingCurves.Write(result.History, temp.File("again.png"))));
        var otherLosses = result.History.Select(m => m with { TrainLoss = m.TrainLoss * 2 }).ToArray();
        Assert.NotEqual(png, File.ReadAllBytes(TrainingCurves.Write(otherLosses, temp.File("other.png"))));
    }

    [Fact]
    public void TensorBoard_events_hold_each_epochs_scalars_under_their_tags()
    {
        string logs = temp.File("runs");
        var options = new TrainOptions { CheckpointPath = temp.File("tb.ckpt"), Progress = ProgressMode.None, TensorBoardDirectory = logs };

        SupervisedTrainer.Run(IrisConfig, () => new Mlp(4, 16, 3), new IrisData(), IrisData.Signature, options);

        string events = Assert.Single(Directory.GetFiles(logs, "events.out.tfevents.*"));
        var records = TfRecords(File.ReadAllBytes(events));
        foreach (string tag in new[] { "train/loss", "train/accuracy", "val/loss", "val/accuracy", "val/macro_f1" })
            Assert.Equal(3, records.Count(record => Contains(record, tag)));
        Assert.DoesNotContain(records, record => Contains(record, "val_loss"));
    }

    /// <summary>The payloads of a TFRecord file: each is a little-endian u64 length, its CRC, the bytes, their CRC.</summary>
    private static List<byte[]> TfRecords(byte[] file)
    {
        var records = new List<byte[]>();
        int at = 0;
        while (at < file.Length)
        {
            long length = (long)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(at, 8));
            Assert.InRange(length, 0, file.Length - at - 16);
            records.Add(file.AsSpan(at + 12, (int)length).ToArray());
            at += 12 + (int)length + 4;
        }
        Assert.Equal(file.Length, at);
        return records;
    }

    private static bool Contains(byte[] record, string tag) => record.AsSpan().IndexOf(Encoding.UTF8.GetBytes(tag)) >= 0;
}
