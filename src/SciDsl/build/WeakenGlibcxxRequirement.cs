#nullable enable
// Compiled by MSBuild's RoslynCodeTaskFactory from SciDsl.targets.
// Marks one ELF symbol-version requirement (an entry of .gnu.version_r) weak, so glibc's
// loader accepts a library whose requested libstdc++ version the host lacks. Safe here because
// libLibTorchSharp only references std::ios_base_library_init() under that version and never calls it.
using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class SciDslWeakenGlibcxxRequirement : Task
{
    private const uint SectionTypeVersionNeed = 0x6ffffffe; // SHT_GNU_verneed
    private const ushort VersionFlagWeak = 0x2;             // VER_FLG_WEAK

    [Required] public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string Version { get; set; } = "";

    public override bool Execute()
    {
        string? hostLibrary = FindHostLibstdcxx();
        if (hostLibrary is null || ContainsAscii(File.ReadAllBytes(hostLibrary), Version))
            return true; // host provides the version (or has no libstdc++ we can see): nothing to do

        foreach (var item in Libraries)
        {
            string path = item.GetMetadata("FullPath");
            try
            {
                if (MarkWeak(path, Version))
                    Log.LogMessage(MessageImportance.High,
                        $"SciDsl: host libstdc++ ({hostLibrary}) lacks {Version}; marked that requirement weak in {path} so TorchSharp loads on this machine.");
            }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
            {
                Log.LogWarning($"SciDsl: could not apply the libstdc++ load fix to {path}: {e.Message}. TorchSharp may fail to load with \"version `{Version}' not found\".");
            }
        }
        return !Log.HasLoggedErrors;
    }

    private static string? FindHostLibstdcxx()
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        };
        return candidates.FirstOrDefault(File.Exists);
    }

    private static bool ContainsAscii(byte[] haystack, string needle)
    {
        byte[] pattern = Encoding.ASCII.GetBytes(needle + "\0");
        for (int i = 0; i + pattern.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < pattern.Length && haystack[i + j] == pattern[j]) j++;
            if (j == pattern.Length) return true;
        }
        return false;
    }

    /// <summary>Returns true when the file was changed; false when already weak or not required.</summary>
    private static bool MarkWeak(string path, string version)
    {
        byte[] elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported");

        ulong sectionTableOffset = BitConverter.ToUInt64(elf, 0x28);
        ushort sectionEntrySize = BitConverter.ToUInt16(elf, 0x3A);
        ushort sectionCount = BitConverter.ToUInt16(elf, 0x3C);

        for (int s = 0; s < sectionCount; s++)
        {
            int header = checked((int)sectionTableOffset + s * sectionEntrySize);
            if (BitConverter.ToUInt32(elf, header + 4) != SectionTypeVersionNeed) continue;

            int sectionOffset = checked((int)BitConverter.ToUInt64(elf, header + 0x18));
            uint linkedStrings = BitConverter.ToUInt32(elf, header + 0x28);
            int stringsHeader = checked((int)sectionTableOffset + (int)linkedStrings * sectionEntrySize);
            int stringsOffset = checked((int)BitConverter.ToUInt64(elf, stringsHeader + 0x18));

            bool changed = false;
            int need = sectionOffset;
            while (true)
            {
                ushort auxCount = BitConverter.ToUInt16(elf, need + 2);
                int aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    int name = stringsOffset + (int)BitConverter.ToUInt32(elf, aux + 8);
                    if (ReadCString(elf, name) == version)
                    {
                        ushort flags = BitConverter.ToUInt16(elf, aux + 4);
                        if ((flags & VersionFlagWeak) == 0)
                        {
                            BitConverter.GetBytes((ushort)(flags | VersionFlagWeak)).CopyTo(elf, aux + 4);
                            changed = true;
                        }
                    }
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                uint next = BitConverter.ToUInt32(elf, need + 12);
                if (next == 0) break;
                need += (int)next;
            }
            if (changed) WriteAtomically(path, elf);
            return changed;
        }
        return false;
    }

    private static string ReadCString(byte[] bytes, int offset)
    {
        int end = offset;
        while (end < bytes.Length && bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(bytes, offset, end - offset);
    }

    /// <summary>
    /// Replaces the file by renaming a patched copy over it, keeping its timestamp: MSBuild's incremental copy
    /// then sees the output copy as unchanged (same size and time as the package's file) and does not overwrite
    /// the fix on the next build. A rename, not a copy: an output file hard-linked to the NuGet cache
    /// (<c>CreateHardLinksForCopyLocalIfPossible</c>) must get a new file, never a change to the shared one.
    /// </summary>
    private static void WriteAtomically(string path, byte[] bytes)
    {
        DateTime lastWrite = File.GetLastWriteTimeUtc(path);
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".scidsl-tmp";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.SetLastWriteTimeUtc(temp, lastWrite);
            File.Replace(temp, path, destinationBackupFileName: null);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
