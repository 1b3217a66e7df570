using System.IO.Compression;
using System.Text.Json;
using TorchSharp;
using TorchSharp.PyBridge;

namespace SciDsl;

/// <summary>
/// Named weights to start a model from: a SciDsl checkpoint or weights file, a trained model (another experiment's
/// <see cref="TrainingResult{TModel}.Model"/>), or a PyTorch <c>state_dict</c> saved with <c>torch.save</c> or as
/// safetensors. <see cref="LoadInto"/> checks every name and shape against the model before copying anything.
/// </summary>
public sealed class PretrainedWeights : IDisposable
{
    private readonly Dictionary<string, torch.Tensor> tensors;

    private PretrainedWeights(string source, Dictionary<string, torch.Tensor> tensors)
    {
        Source = source;
        this.tensors = tensors;
    }

    /// <summary>Where the weights come from, for messages: a file path or a model's type name.</summary>
    public string Source { get; }

    /// <summary>Each tensor's name and shape, in the source's order.</summary>
    public IReadOnlyList<(string Name, long[] Shape)> Entries => tensors.Select(t => (t.Key, t.Value.shape)).ToList();

    /// <summary>A copy of a model's parameters and buffers, e.g. another experiment's trained <see cref="TrainingResult{TModel}.Model"/>.</summary>
    public static PretrainedWeights FromModel(torch.nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var noGrad = torch.no_grad();
        return new PretrainedWeights(model.GetType().Name,
            model.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.detach().cpu().clone()));
    }

    /// <summary>
    /// The model weights of a SciDsl checkpoint (<see cref="TrainingResult{TModel}.CheckpointPath"/>, verified as
    /// <see cref="Checkpoint.LoadWeights"/> does) or of a best-weights file (<see cref="TrainingResult{TModel}.BestCheckpointPath"/>,
    /// a plain <c>module.save</c> file).
    /// </summary>
    /// <exception cref="CheckpointException">The file is missing, damaged, or not a SciDsl checkpoint or weights file.</exception>
    public static PretrainedWeights FromCheckpoint(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string fullPath = ExistingFile(path, (where, problem) => new CheckpointException(where, problem));
        if (StartsWith(fullPath, "SCIDSLCK"u8))
        {
            using var checkpoint = CheckpointFile.Open(fullPath);
            Dictionary<string, torch.Tensor>? read = null;
            // Paradigms with more modules store them after the model: read only the first, as Checkpoint.LoadWeights does.
            checkpoint.Read(CheckpointSection.Weights, reader => read = ReadModuleWeights(reader, fullPath), wholeSection: false);
            return new PretrainedWeights(fullPath, read!);
        }
        using var stream = File.OpenRead(fullPath);
        using var weights = new BinaryReader(stream);
        var tensors = ReadModuleWeights(weights, fullPath);
        if (stream.Position != stream.Length)
            throw new CheckpointException(fullPath, $"not a SciDsl weights file: {stream.Length - stream.Position} bytes follow its weights.");
        return new PretrainedWeights(fullPath, tensors);
    }

    /// <summary>
    /// What another generated experiment's <c>Run</c> returned, from its default checkpoint
    /// (<c>checkpoints/&lt;experiment&gt;.ckpt</c> under the current directory): its best weights when it validated, else its last epoch's.
    /// </summary>
    /// <param name="experimentName">The experiment's full name, e.g. <c>Lab.PretrainExperiment</c>.</param>
    /// <exception cref="CheckpointException">The experiment has not been run here (no checkpoint), or its checkpoint is damaged.</exception>
    public static PretrainedWeights FromExperiment(string experimentName)
    {
        ArgumentNullException.ThrowIfNull(experimentName);
        string checkpoint = CheckpointStore.DefaultPath(experimentName);
        string best = CheckpointStore.BestWeightsPathOf(checkpoint);
        if (File.Exists(best)) return FromCheckpoint(best);
        if (!File.Exists(checkpoint))
            throw new CheckpointException(checkpoint, $"no such file: experiment {experimentName} has not been trained in this directory. Run it first (its Run() writes this checkpoint), or start from a file.");
        return FromCheckpoint(checkpoint);
    }

    /// <summary>
    /// A PyTorch <c>state_dict</c>: a <c>torch.save(model.state_dict(), path)</c> file (zip format, PyTorch 1.6 and later)
    /// or a safetensors file, told apart by their content, read with TorchSharp.PyBridge.
    /// </summary>
    /// <exception cref="PretrainedWeightsException">The file is missing, damaged, holds a whole pickled model, or uses a format this cannot read.</exception>
    public static PretrainedWeights FromPyTorch(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string fullPath = ExistingFile(path, (where, problem) => new PretrainedWeightsException(where, problem));
        bool zip = StartsWith(fullPath, "PK\u0003\u0004"u8);
        try
        {
            return new PretrainedWeights(fullPath, zip ? ReadPickled(fullPath) : ReadSafetensors(fullPath));
        }
        catch (Exception e) when (e is not PretrainedWeightsException)
        {
            // PyBridge and the zip and JSON readers throw many kinds of exception on a damaged file; the cause is the file.
            string format = zip ? "PyTorch (torch.save)" : "safetensors";
            throw new PretrainedWeightsException(fullPath, $"cannot be read as a {format} state_dict ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Copies the weights into <paramref name="model"/> after checking every tensor: a name the model lacks, a model
    /// tensor the weights lack, or a shape that differs are all listed in one <see cref="PretrainedWeightsException"/>,
    /// and nothing is copied then. Values are converted to the model's element types.
    /// </summary>
    /// <param name="nameMap">Renames the source's tensors before matching: each key is a name or dotted prefix in the
    /// source (<c>"features.0"</c>), its value the model's (<c>"conv1"</c>); the longest matching prefix wins.</param>
    /// <param name="skipLayers">Model layers (names or dotted prefixes) left as they are, e.g. a replaced head: their
    /// tensors are neither loaded nor required, whatever the source holds for them.</param>
    /// <returns>The names of the model's tensors that were loaded.</returns>
    /// <exception cref="PretrainedWeightsException">Some name or shape does not match.</exception>
    public IReadOnlyList<string> LoadInto(torch.nn.Module model, IReadOnlyDictionary<string, string>? nameMap = null, IReadOnlyCollection<string>? skipLayers = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        skipLayers ??= [];
        var targets = model.state_dict();
        var renamed = new Dictionary<string, (string Original, torch.Tensor Tensor)>();
        foreach (var (name, tensor) in tensors)
        {
            string mapped = Rename(name, nameMap);
            if (!LayerNames.Covers(skipLayers, mapped)) renamed[mapped] = (name, tensor);
        }

        var mismatches = new List<string>();
        foreach (var (name, target) in targets)
        {
            if (LayerNames.Covers(skipLayers, name)) continue;
            if (!renamed.TryGetValue(name, out var source))
                mismatches.Add($"missing: the model's {name} {Shape(target.shape)} has no tensor in the weights");
            else if (!source.Tensor.shape.SequenceEqual(target.shape))
                mismatches.Add($"shape differs: {Described(name, source.Original)} is {Shape(source.Tensor.shape)} in the weights but {Shape(target.shape)} in the model");
        }
        foreach (var (name, source) in renamed)
            if (!targets.ContainsKey(name))
                mismatches.Add($"unexpected: the weights' {Described(name, source.Original)} {Shape(source.Tensor.shape)} is not in the model");
        if (mismatches.Count > 0)
            throw new PretrainedWeightsException(Source, model.GetType().Name, mismatches, Hint(targets.Keys, nameMap));

        using var noGrad = torch.no_grad();
        var loaded = new List<string>();
        foreach (var (name, target) in targets)
        {
            if (LayerNames.Covers(skipLayers, name)) continue;
            target.copy_(renamed[name].Tensor.to(target.dtype, target.device));
            loaded.Add(name);
        }
        return loaded;
    }

    public void Dispose()
    {
        foreach (var tensor in tensors.Values) tensor.Dispose();
    }

    private static string Rename(string name, IReadOnlyDictionary<string, string>? nameMap)
    {
        if (nameMap is null) return name;
        var prefix = nameMap.Keys.Where(key => name == key || name.StartsWith(key + ".", StringComparison.Ordinal)).MaxBy(key => key.Length);
        return prefix is null ? name : nameMap[prefix] + name[prefix.Length..];
    }

    private static string Described(string name, string original) => name == original ? name : $"{name} (from {original})";

    private static string Shape(long[] shape) => $"[{string.Join(", ", shape)}]";

    private static string Hint(IEnumerable<string> modelNames, IReadOnlyDictionary<string, string>? nameMap)
    {
        string layers = string.Join(", ", modelNames.Select(LayerNames.LayerOf).Distinct());
        string map = nameMap is null or { Count: 0 } ? "no name map was given" : $"the name map has {nameMap.Count} entries";
        return $"The model's layers are {layers}; {map}. Map the file's names to the model's with a name map " +
               "(e.g. { [\"features.0\"] = \"conv1\" }), leave a different head out with ReplaceHead, or start from weights of the same architecture.";
    }

    private static string ExistingFile<TException>(string path, Func<string, string, TException> error) where TException : Exception
    {
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw error(fullPath, "no such file.");
        return fullPath;
    }

    private static bool StartsWith(string path, ReadOnlySpan<byte> magic)
    {
        using var stream = File.OpenRead(path);
        Span<byte> start = stackalloc byte[magic.Length];
        return stream.ReadAtLeast(start, magic.Length, throwOnEndOfStream: false) == magic.Length && start.SequenceEqual(magic);
    }

    /// <summary>
    /// The tensors <c>module.save</c> writes: a LEB128 count, then per tensor its name (a .NET string), LEB128 element type,
    /// rank and dims, and the raw data. Every length is checked against what is left, so a damaged file cannot ask
    /// libtorch for an absurd allocation.
    /// </summary>
    private static Dictionary<string, torch.Tensor> ReadModuleWeights(BinaryReader reader, string path)
    {
        try
        {
            long left() => reader.BaseStream.Length - reader.BaseStream.Position;
            long count = Leb128(reader);
            if (count < 0 || count > left()) throw new InvalidDataException($"it claims {count} tensors");
            var read = new Dictionary<string, torch.Tensor>();
            for (long i = 0; i < count; i++)
            {
                string name = reader.ReadString();
                var type = (torch.ScalarType)Leb128(reader);
                long rank = Leb128(reader);
                if (rank < 0 || rank > 16) throw new InvalidDataException($"tensor {name} claims rank {rank}");
                long[] shape = new long[rank];
                long elements = 1;
                for (int d = 0; d < rank; d++)
                {
                    shape[d] = Leb128(reader);
                    if (shape[d] < 0 || (shape[d] > 0 && elements > left() / shape[d])) throw new InvalidDataException($"tensor {name} claims more data than the file holds");
                    elements *= shape[d];
                }
                int elementSize = ElementSize(type) ?? throw new InvalidDataException($"tensor {name} has element type {(int)type}, which SciDsl does not read");
                long bytes = elements * elementSize;
                if (bytes > left() || bytes > int.MaxValue) throw new InvalidDataException($"tensor {name} claims {bytes} bytes, but {left()} remain");
                var tensor = torch.empty(shape, type);
                tensor.bytes = reader.ReadBytes((int)bytes);
                if (!read.TryAdd(name, tensor)) throw new InvalidDataException($"tensor {name} appears twice");
            }
            return read;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or OverflowException)
        {
            throw new CheckpointException(path, $"its weights cannot be read ({e.Message}).", e);
        }
    }

    private static long Leb128(BinaryReader reader)
    {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte next = reader.ReadByte();
            value |= (long)(next & 0x7F) << shift;
            if ((next & 0x80) == 0) return value;
        }
        throw new InvalidDataException("a length runs past 64 bits");
    }

    private static int? ElementSize(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float32 or torch.ScalarType.Int32 => 4,
        torch.ScalarType.Float64 or torch.ScalarType.Int64 => 8,
        torch.ScalarType.Float16 or torch.ScalarType.BFloat16 or torch.ScalarType.Int16 => 2,
        torch.ScalarType.Byte or torch.ScalarType.Int8 or torch.ScalarType.Bool => 1,
        _ => null,
    };

    private static Dictionary<string, torch.Tensor> ReadPickled(string path)
    {
        // Zip entries are checked first: PyBridge reads each tensor's bytes without checking how many arrived.
        using (var archive = ZipFile.OpenRead(path))
            if (!archive.Entries.Any(e => e.Name == "data.pkl"))
                throw new PretrainedWeightsException(path, "is a zip file but not a torch.save file (it holds no data.pkl).");
        using var stream = File.OpenRead(path);
        var table = PyTorchUnpickler.UnpickleStateDict(stream);
        var read = new Dictionary<string, torch.Tensor>();
        foreach (System.Collections.DictionaryEntry entry in table)
        {
            if (entry.Key is not string name || entry.Value is not torch.Tensor tensor)
                throw new PretrainedWeightsException(path, "holds something other than a state_dict of named tensors; save it with torch.save(model.state_dict(), path).");
            read[name] = tensor;
        }
        return read;
    }

    /// <summary>The header is checked here (every offset inside the file and of the size its dtype and shape need) before PyBridge reads the data.</summary>
    private static Dictionary<string, torch.Tensor> ReadSafetensors(string path)
    {
        long fileLength = new FileInfo(path).Length;
        using (var stream = File.OpenRead(path))
        using (var reader = new BinaryReader(stream))
        {
            if (fileLength < 8) throw new PretrainedWeightsException(path, $"is neither a torch.save zip nor a safetensors file ({fileLength} bytes).");
            ulong headerLength = reader.ReadUInt64();
            if (headerLength > (ulong)(fileLength - 8))
                throw new PretrainedWeightsException(path, $"is neither a torch.save zip nor a safetensors file: a safetensors header of {headerLength} bytes does not fit in its {fileLength} bytes.");
            long dataLength = fileLength - 8 - (long)headerLength;
            using var header = JsonDocument.Parse(reader.ReadBytes((int)headerLength));
            foreach (var entry in header.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__") continue;
                string dtype = entry.Value.GetProperty("dtype").GetString() ?? "";
                long elements = entry.Value.GetProperty("shape").EnumerateArray().Aggregate(1L, (product, dim) => checked(product * dim.GetInt64()));
                long[] offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt64()).ToArray();
                int size = SafetensorsElementSize(dtype) ?? throw new PretrainedWeightsException(path, $"tensor {entry.Name} has dtype {dtype}, which SciDsl does not read.");
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] > dataLength || offsets[1] - offsets[0] != checked(elements * size))
                    throw new PretrainedWeightsException(path, $"damaged: tensor {entry.Name}'s data_offsets [{string.Join(", ", offsets)}] do not hold its {elements} {dtype} values inside the {dataLength} data bytes.");
            }
        }
        return Safetensors.LoadStateDict(path);
    }

    private static int? SafetensorsElementSize(string dtype) => dtype switch
    {
        "F64" or "I64" => 8,
        "F32" or "I32" => 4,
        "F16" or "BF16" or "I16" => 2,
        "I8" or "U8" or "BOOL" => 1,
        _ => null,
    };
}

/// <summary>Layer names as <c>[TransferLearning]</c> uses them: a name covers itself and everything below it (<c>res1</c> covers <c>res1.conv.weight</c>).</summary>
internal static class LayerNames
{
    public static bool Covers(IEnumerable<string> layers, string tensorName) =>
        layers.Any(layer => tensorName == layer || tensorName.StartsWith(layer + ".", StringComparison.Ordinal));

    /// <summary>The layer a tensor belongs to: its name without the last part (<c>conv1.weight</c> → <c>conv1</c>).</summary>
    public static string LayerOf(string tensorName) => tensorName.LastIndexOf('.') is var dot and > 0 ? tensorName[..dot] : tensorName;
}
