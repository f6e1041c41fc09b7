using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using PerfGate.Diagnostics;
using PerfGate.Results;

namespace PerfGate.Locations;

/// <summary>
/// Finds a [Benchmark] method's source file and line in the benchmark assembly's portable PDB (beside the assembly or
/// embedded in it). The PDB knows the method's first statement; when the source file is at hand, the location is moved
/// up to the method's declaration, the line a developer would open.
/// </summary>
public sealed class PdbMethodLocator : IDisposable
{
    private readonly PEReader? peReader;
    private readonly MetadataReaderProvider? pdbProvider;
    private readonly Dictionary<(string Namespace, string Type, string Method), SourceLocation> locations = new();

    private PdbMethodLocator(PEReader? peReader, MetadataReaderProvider? pdbProvider)
    {
        this.peReader = peReader;
        this.pdbProvider = pdbProvider;
        if (peReader is not null && pdbProvider is not null)
        {
            Index(peReader.GetMetadataReader(), pdbProvider.GetMetadataReader());
        }
    }

    /// <summary>Opens the assembly and its PDB. When either is missing or unreadable, the locator finds nothing (the caller falls back).</summary>
    public static PdbMethodLocator Open(string assemblyPath)
    {
        PEReader? pe = null;
        try
        {
            pe = new PEReader(File.OpenRead(assemblyPath));
            var embedded = pe.ReadDebugDirectory().FirstOrDefault(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
            if (embedded.DataSize > 0)
            {
                return new PdbMethodLocator(pe, pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded));
            }

            var pdbPath = Path.ChangeExtension(assemblyPath, ".pdb");
            if (File.Exists(pdbPath))
            {
                return new PdbMethodLocator(pe, MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdbPath)));
            }
        }
        catch (Exception error) when (error is IOException or BadImageFormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Not a portable PDB (a Windows PDB, or none): locations fall back to the baseline or config file.
        }

        pe?.Dispose();
        return new PdbMethodLocator(null, null);
    }

    /// <summary>The method's location; null when the PDB does not know it.</summary>
    public SourceLocation? Locate(BenchmarkResult result) =>
        locations.TryGetValue(BenchmarkAssembly.KeyOf(result), out var location) ? location : null;

    /// <summary>
    /// The location of a method known only by BenchmarkDotNet's display name ("Type.Method", no namespace), as its progress
    /// output names a running benchmark; null when no method or more than one fits.
    /// </summary>
    public SourceLocation? LocateByTypeAndMethod(string typeName, string method)
    {
        var open = typeName.IndexOf('<');
        var type = open < 0 ? typeName : typeName[..open];
        var matches = locations.Where(l => l.Key.Method == method && (l.Key.Type == type || l.Key.Type.EndsWith("." + type, StringComparison.Ordinal))).ToArray();
        return matches.Length == 1 ? matches[0].Value : null;
    }

    public void Dispose()
    {
        peReader?.Dispose();
        pdbProvider?.Dispose();
    }

    private void Index(MetadataReader metadata, MetadataReader pdb)
    {
        foreach (var (key, methodHandle) in BenchmarkAssembly.Methods(metadata))
        {
            if (locations.ContainsKey(key))
            {
                continue; // An overload: the first one is as good a place as any.
            }

            var first = pdb.GetMethodDebugInformation(methodHandle.ToDebugInformationHandle()).GetSequencePoints()
                .Where(p => !p.IsHidden)
                .OrderBy(p => p.StartLine).ThenBy(p => p.StartColumn)
                .Select(p => (SequencePoint?)p)
                .FirstOrDefault();
            if (first is SequencePoint point)
            {
                var document = pdb.GetString(pdb.GetDocument(point.Document).Name);
                locations[key] = SourceDeclarationFinder.Refine(new SourceLocation(document, point.StartLine, point.StartColumn), key.Method);
            }
        }
    }
}
