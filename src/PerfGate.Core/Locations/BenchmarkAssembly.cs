using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using PerfGate.Results;

namespace PerfGate.Locations;

/// <summary>
/// Finds a benchmark's method definitions in the built assembly by the names BenchmarkDotNet reports (namespace, type
/// as "Outer.Inner" without generic arguments, method).
/// </summary>
internal static class BenchmarkAssembly
{
    public static IEnumerable<((string Namespace, string Type, string Method) Key, MethodDefinitionHandle Handle)> Methods(MetadataReader metadata)
    {
        foreach (var typeHandle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(typeHandle);
            var (ns, name) = QualifiedName(metadata, type);
            foreach (var methodHandle in type.GetMethods())
            {
                yield return ((ns, name, metadata.GetString(metadata.GetMethodDefinition(methodHandle).Name)), methodHandle);
            }
        }
    }

    public static (string Namespace, string Type, string Method) KeyOf(BenchmarkResult result) =>
        (result.Namespace, NormalizeTypeName(result.TypeName), result.Method);

    /// <summary>Namespace and the type name as BenchmarkDotNet prints it: nested types joined by '.', no generic arity.</summary>
    private static (string Namespace, string Name) QualifiedName(MetadataReader metadata, TypeDefinition type)
    {
        var name = StripArity(metadata.GetString(type.Name));
        var declaring = type.GetDeclaringType();
        if (declaring.IsNil)
        {
            return (metadata.GetString(type.Namespace), name);
        }

        var (ns, outer) = QualifiedName(metadata, metadata.GetTypeDefinition(declaring));
        return (ns, $"{outer}.{name}");
    }

    private static string StripArity(string name)
    {
        var tick = name.IndexOf('`');
        return tick < 0 ? name : name[..tick];
    }

    /// <summary>BenchmarkDotNet shows generic benchmark classes with their arguments ("Bench&lt;Int32&gt;"); metadata has none.</summary>
    private static string NormalizeTypeName(string typeName)
    {
        var open = typeName.IndexOf('<');
        return open < 0 ? typeName : typeName[..open];
    }

    /// <summary>Opens an assembly for reading; null when it is missing or not a .NET assembly.</summary>
    public static PEReader? OpenOrNull(string assemblyPath)
    {
        try
        {
            var reader = new PEReader(File.OpenRead(assemblyPath));
            if (reader.HasMetadata)
            {
                return reader;
            }

            reader.Dispose();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
        }

        return null;
    }
}
